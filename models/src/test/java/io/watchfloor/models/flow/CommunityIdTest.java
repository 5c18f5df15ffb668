package io.watchfloor.models.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.watchfloor.protocol.flow.FlowRecord;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommunityIdTest {

  /**
   * The spec's baseline vectors: github.com/corelight/community-id-spec, baseline/baseline_deflt.json
   * (seed 0) and baseline/baseline_seed1.json (seed 1), commit c4ec2bc4. ICMP rows give type/code as
   * sport/dport; -1 marks "no ports" (protocol 46, RSVP).
   */
  @ParameterizedTest
  @CsvSource({
    "0, 58, fe80::200:86ff:fe05:80da, fe80::260:97ff:fe07:69ea, 135, 136, 1:dGHyGvjMfljg6Bppwm3bg0LO8TY=",
    "0, 58, fe80::260:97ff:fe07:69ea, fe80::200:86ff:fe05:80da, 136, 135, 1:dGHyGvjMfljg6Bppwm3bg0LO8TY=",
    "0, 58, fe80::260:97ff:fe07:69ea, fe80::200:86ff:fe05:80da, 135, 136, 1:zavyT/cezQr1fmImYCwYnMXbgck=",
    "0, 58, fe80::200:86ff:fe05:80da, fe80::260:97ff:fe07:69ea, 136, 135, 1:zavyT/cezQr1fmImYCwYnMXbgck=",
    "0, 58, 3ffe:501:1800:2345::2, 3ffe:507:0:1:200:86ff:fe05:80da, 3, 0, 1:2ObVBgIn28oZvibYZhZMBgh7WdQ=",
    "0, 58, 3ffe:501:410:0:2c0:dfff:fe47:33e, 3ffe:507:0:1:200:86ff:fe05:80da, 1, 4, 1:hLZd0XGWojozrvxqE0dWB1iM6R0=",
    "0, 58, 3ffe:507:0:1:200:86ff:fe05:80da, 3ffe:501:0:1001::2, 128, 129, 1:+TW+HtLHvV1xnGhV1lv7XoJrqQg=",
    "0, 58, 3ffe:501:0:1001::2, 3ffe:507:0:1:200:86ff:fe05:80da, 129, 128, 1:+TW+HtLHvV1xnGhV1lv7XoJrqQg=",
    "0, 58, fe80::200:86ff:fe05:80da, ff02::2, 133, 134, 1:hO+sN4H+MG5MY/8hIrXPqc4ZQz0=",
    "0, 58, fe80::260:97ff:fe07:69ea, ff02::1, 134, 133, 1:pkvHqCL88/tg1k4cPigmZXUtL00=",
    "0, 1, 192.168.0.89, 192.168.0.1, 8, 0, 1:X0snYXpgwiv9TZtqg64sgzUn6Dk=",
    "0, 1, 192.168.0.1, 192.168.0.89, 0, 8, 1:X0snYXpgwiv9TZtqg64sgzUn6Dk=",
    "0, 1, 10.0.0.1, 10.0.0.2, 11, 0, 1:YHxtAirCG//0OzkcVAukqKQN9xM=",
    "0, 6, 2001:470:e5bf:dead:4957:2174:e82c:4887, 2607:f8b0:400c:c03::1a, 63943, 25, 1:/qFaeAR+gFe1KYjMzVDsMv+wgU4=",
    "0, 6, 2607:f8b0:400c:c03::1a, 2001:470:e5bf:dead:4957:2174:e82c:4887, 25, 63943, 1:/qFaeAR+gFe1KYjMzVDsMv+wgU4=",
    "0, 132, 192.168.170.8, 192.168.170.56, 7, 7, 1:MP2EtRCAUIZvTw6MxJHLV7N7JDs=",
    "0, 132, 192.168.170.56, 192.168.170.8, 7, 7, 1:MP2EtRCAUIZvTw6MxJHLV7N7JDs=",
    "0, 6, 128.232.110.120, 66.35.250.204, 34855, 80, 1:LQU9qZlK+B5F3KDmev6m5PMibrg=",
    "0, 6, 66.35.250.204, 128.232.110.120, 80, 34855, 1:LQU9qZlK+B5F3KDmev6m5PMibrg=",
    "0, 17, 192.168.1.52, 8.8.8.8, 54585, 53, 1:d/FP5EW3wiY1vCndhwleRRKHowQ=",
    "0, 17, 8.8.8.8, 192.168.1.52, 53, 54585, 1:d/FP5EW3wiY1vCndhwleRRKHowQ=",
    "0, 46, 10.1.12.1, 10.1.12.2, -1, -1, 1:KHlLkgoJW7ifUTyTSgyVfkFHzKw=",
    "0, 46, 10.1.12.2, 10.1.12.1, -1, -1, 1:KHlLkgoJW7ifUTyTSgyVfkFHzKw=",
    "1, 58, fe80::200:86ff:fe05:80da, fe80::260:97ff:fe07:69ea, 135, 136, 1:kHa1FhMYIT6Ym2Vm2AOtoOARDzY=",
    "1, 58, 3ffe:501:410:0:2c0:dfff:fe47:33e, 3ffe:507:0:1:200:86ff:fe05:80da, 1, 4, 1:W8MHwXpWzpoSTD+cGcaJr4u0ys8=",
    "1, 1, 192.168.0.1, 192.168.0.89, 0, 8, 1:03g6IloqVBdcZlPyX8r0hgoE7kA=",
    "1, 1, 10.0.0.1, 10.0.0.2, 11, 0, 1:XjUibYHaafLQ3pxQeiMI8g25q20=",
    "1, 6, 66.35.250.204, 128.232.110.120, 80, 34855, 1:3V71V58M3Ksw/yuFALMcW0LAHvc=",
    "1, 17, 192.168.1.52, 8.8.8.8, 54585, 53, 1:Q9We8WO3piVF8yEQBNJF4uiSVrI=",
    "1, 132, 192.168.170.8, 192.168.170.56, 7, 7, 1:5w3ZRjeKBzqT3zsaEECDGjUbYeg=",
    "1, 46, 10.1.12.2, 10.1.12.1, -1, -1, 1:rYir8gphR31noO9iDRQmF/BteEI=",
  })
  void shouldMatchTheSpecBaseline(int seed, int protocol, String src, String dst, int sport, int dport,
      String expected) throws Exception {
    long[] s = words(src);
    long[] d = words(dst);

    assertThat(CommunityId.v1(seed, s[0], s[1], d[0], d[1], protocol, Math.max(sport, 0), Math.max(dport, 0)))
        .isEqualTo(expected);
  }

  /** Every TCP/UDP/ICMP flow's ID equals the one Wireshark's Community ID post-dissector gives its packets. */
  @ParameterizedTest
  @ValueSource(strings = {
    "benign_web_browsing_espn.pcapng", "dnstunnel_c2_cmds_over_txt.pcap", "lateral_rdp_sharprdp.pcapng",
    "scan_nmap_A_port80.pcap", "lateral_smb_psexec_add_user.pcap"})
  void shouldMatchTshark(String file) throws Exception {
    assumeTrue(SharedCaptureFlowsTest.tsharkAvailable(), "tshark is not installed");
    String out = SharedCaptureFlowsTest.run("tshark", "-r", CaptureFlows.dir().resolve(file).toString(),
        "--enable-protocol", "communityid", "-T", "fields", "-E", "separator=,",
        "-e", "ip.src", "-e", "ip.dst", "-e", "tcp.srcport", "-e", "udp.srcport", "-e", "communityid");
    Map<String, String> byEndpoint = new HashMap<>();
    for (String line : out.split("\n")) {
      String[] f = line.split(",", -1);
      if (f.length == 5 && !f[4].isEmpty() && !f[0].isEmpty()) {
        byEndpoint.put(f[0] + ":" + f[2] + f[3] + ">" + f[1], f[4]);
      }
    }
    int compared = 0;
    for (FlowRecord r : CaptureFlows.of(file).records()) {
      String port = r.transport().equals("tcp") || r.transport().equals("udp") ? "" + r.sourcePort() : "";
      String id = byEndpoint.get(r.sourceIp() + ":" + port + ">" + r.destinationIp());
      if (id != null && r.communityId() != null && !r.transport().equals("icmp")) {
        assertThat(r.communityId()).as(r.toString()).isEqualTo(id);
        compared++;
      }
    }
    assertThat(compared).isPositive();
  }

  @Test
  void shouldGiveTheSameIdInBothDirections() {
    long a = io.watchfloor.protocol.ip.IpAddresses.ipv4Lo(0x0a000001);
    long b = io.watchfloor.protocol.ip.IpAddresses.ipv4Lo(0x0a000002);
    assertThat(CommunityId.v1(0, 0, a, 0, b, 6, 1234, 80)).isEqualTo(CommunityId.v1(0, 0, b, 0, a, 6, 80, 1234));
  }

  private static long[] words(String text) throws Exception {
    byte[] raw = InetAddress.getByName(text).getAddress();
    if (raw.length == 4) {
      return new long[] {0, io.watchfloor.protocol.ip.IpAddresses.ipv4Lo(java.nio.ByteBuffer.wrap(raw).getInt())};
    }
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(raw);
    return new long[] {b.getLong(), b.getLong()};
  }
}
