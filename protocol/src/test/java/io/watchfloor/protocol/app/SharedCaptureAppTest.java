package io.watchfloor.protocol.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** Guessing and inspection on the team's real captures (first payload packets per flow). */
class SharedCaptureAppTest {

  private static List<Map<String, String>> fields(List<CaptureFlows.Inspected> inspected) {
    return inspected.stream().map(CaptureFlows.Inspected::fields).filter(f -> !f.isEmpty())
        .toList();
  }

  private static List<String> values(List<CaptureFlows.Inspected> inspected, String key) {
    return fields(inspected).stream().map(f -> f.get(key)).filter(Objects::nonNull).toList();
  }

  @Test
  void shouldRecogniseSshOnPort80ByItsBanner() {
    List<CaptureFlows.Inspected> packets = CaptureFlows.inspect("mismatch_ssh_on_tcp80.pcap");

    assertThat(packets).filteredOn(i -> i.protocol() == AppProtocol.SSH)
        .extracting(i -> Math.min(i.srcPort(), i.dstPort())).containsOnly(80).hasSize(2);
    assertThat(values(packets, AppMetadata.SSH_BANNER)).containsExactlyInAnyOrder(
        "SSH-2.0-OpenSSH_5.2", "SSH-2.0-OpenSSH_5.8p1 Debian-1ubuntu3");
  }

  @Test
  void shouldRecogniseFtpOnPort443ByTheFileZillaGreeting() {
    List<CaptureFlows.Inspected> packets =
        CaptureFlows.inspect("mismatch_ftp_on_tcp443.pcapng");

    assertThat(packets).filteredOn(i -> i.protocol() == AppProtocol.FTP).isNotEmpty()
        .allMatch(i -> i.srcPort() == 443 || i.dstPort() == 443);
    assertThat(packets).noneMatch(i -> i.protocol() == AppProtocol.TLS);
  }

  @Test
  void shouldReadIodineQueryNamesAndTxtSizes() {
    List<CaptureFlows.Inspected> packets =
        CaptureFlows.inspect("dnstunnel_iodine_txt_base32_first6000.pcap");

    assertThat(packets).allMatch(i -> i.protocol() == AppProtocol.DNS);
    assertThat(values(packets, AppMetadata.DNS_QUESTION_NAME))
        .anyMatch(name -> name.endsWith(".example.attack"));
    assertThat(values(packets, AppMetadata.DNS_TXT_BYTES)).isNotEmpty()
        .allMatch(bytes -> Integer.parseInt(bytes) > 0);
  }

  @Test
  void shouldReadC2CommandsOverTxtWithTheirSizes() {
    List<CaptureFlows.Inspected> packets = CaptureFlows.inspect("dnstunnel_c2_cmds_over_txt.pcap");

    assertThat(values(packets, AppMetadata.DNS_QUESTION_NAME)).contains("l.1.ns.ostrykebs.pl");
    assertThat(values(packets, AppMetadata.DNS_TXT_BYTES)).isNotEmpty()
        .allMatch(bytes -> Integer.parseInt(bytes) > 0);
  }

  @Test
  void shouldFindHttpHostsWhileBrowsingEspn() {
    List<CaptureFlows.Inspected> packets =
        CaptureFlows.inspect("benign_web_browsing_espn.pcapng");

    assertThat(values(packets, AppMetadata.URL_DOMAIN)).contains("a.espncdn.com");
    assertThat(values(packets, AppMetadata.DNS_QUESTION_NAME)).contains("www.espn.com");
  }

  @Test
  void shouldFindHttpHostsWhileBrowsingBroOrg() {
    List<CaptureFlows.Inspected> packets = CaptureFlows.inspect("benign_http_bro_org.pcap");

    assertThat(packets).filteredOn(i -> i.protocol() == AppProtocol.HTTP).isNotEmpty();
    assertThat(values(packets, AppMetadata.URL_DOMAIN)).contains("bro.org", "www.bro.org");
    assertThat(values(packets, AppMetadata.HTTP_REQUEST_METHOD)).containsOnly("GET");
  }

  @Test
  void shouldRecogniseSmbInBothLateralMovementCaptures() {
    assertThat(CaptureFlows.inspect("lateral_smb_psexec_add_user.pcap"))
        .anyMatch(i -> i.protocol() == AppProtocol.SMB && i.dstPort() == 445);
    assertThat(CaptureFlows.inspect("lateral_smb_mimikatz_copy_to_host.pcap"))
        .anyMatch(i -> i.protocol() == AppProtocol.SMB);
  }

  @Test
  void shouldSeeRdpNegotiationThenTheTlsClientHelloSharpRdpSends() {
    List<CaptureFlows.Inspected> packets = CaptureFlows.inspect("lateral_rdp_sharprdp.pcapng");

    assertThat(packets).anyMatch(i -> i.protocol() == AppProtocol.RDP && i.dstPort() == 3389);
    // tshark -d tcp.port==3389,tls: tls.handshake.ja3 of frames 8 and 533
    assertThat(values(packets, AppMetadata.TLS_CLIENT_JA3))
        .containsOnly("ce5f3254611a8c095a3d821d44539877").hasSize(2);
    assertThat(values(packets, AppMetadata.TLS_CLIENT_SERVER_NAME)).containsOnly("192.168.56.101");
  }

  @Test
  void shouldGuessNothingForScansWithoutPayload() {
    assertThat(CaptureFlows.inspect("scan_masscan_tcp_0-1000.pcap"))
        .allMatch(i -> i.protocol() == AppProtocol.UNKNOWN);
  }
}
