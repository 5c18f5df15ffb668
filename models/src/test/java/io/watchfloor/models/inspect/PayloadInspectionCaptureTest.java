package io.watchfloor.models.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.protocol.alert.Anomaly;
import io.watchfloor.protocol.alert.EcsAlert;
import io.watchfloor.protocol.host.HostWindow;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through SegmentWindows and HostAnalyzer: a crafted capture with card numbers, keys and
 * credentials leaving over HTTP, SMTP, FTP, Telnet and DNS, the same content towards an internal
 * host and inside TLS, and a flow a signature matches.
 */
class PayloadInspectionCaptureTest {
  private static final String CARD = "4111111111111111";
  private static final String HTTP_LEAK = "POST /checkout HTTP/1.1\r\nHost: shop.example\r\n"
      + "Authorization: Basic YWxpY2U6U2VjcjN0UGFzcw==\r\nContent-Length: 40\r\n\r\n"
      + "name=alice&card=4111 1111 1111 1111&cvv=1";
  private static final String PEM = "-----BEGIN RSA PRIVATE KEY-----\r\nMIIEowIBAAKCAQEAx7Qs9kLmNoPq\r\n"
      + "-----END RSA PRIVATE KEY-----\r\n";

  private static CaptureAnalysis run;

  @BeforeAll
  static void analyze(@TempDir Path dir) {
    Path pcap = new TestCapture(1_700_000_000_000L)
        .tcp("10.0.1.1", 40001, "203.0.113.10", 80, HTTP_LEAK, "HTTP/1.1 200 OK\r\n\r\n")
        .tcp("10.0.1.2", 40002, "203.0.113.11", 25, "", "220 mx.example ESMTP\r\n", "EHLO pc\r\n",
            "250 ok\r\n", "MAIL FROM:<a@corp.example>\r\n", "250 ok\r\n", "DATA\r\n", "354 go\r\n",
            "Subject: keys\r\n\r\n" + PEM + "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\r\n.\r\n", "250 ok\r\n")
        .tcp("10.0.1.3", 40003, "203.0.113.12", 21, "", "220 ftp ready\r\n", "USER alice\r\n",
            "331 password\r\n", "PASS hunter22\r\n", "230 ok\r\n")
        .tcp("10.0.1.4", 40004, "10.0.0.20", 80, HTTP_LEAK, "HTTP/1.1 200 OK\r\n\r\n")
        .tcp("10.0.1.5", 40005, "203.0.113.13", 443, tlsClientHello(), "",
            "\u0017\u0003\u0003\u0000\u0030" + HTTP_LEAK)
        .tcp("10.0.1.6", 40006, "203.0.113.14", 80,
            "POST /upload HTTP/1.1\r\nHost: drop.example\r\nX-EXFIL-MARKER: 1\r\n\r\n", "HTTP/1.1 200 OK\r\n\r\n")
        .tcpTyped("10.0.1.7", 40007, "203.0.113.15", 23, "login: ", "alice\rsecret99\r")
        .udp("10.0.1.8", 40008, "198.51.100.53", 53, dnsQuery(CARD + ".leak.example"))
        .write(dir.resolve("inspection.pcap"));
    String rules = Path.of(System.getProperty("user.dir"), "src/test/resources/inspect/test.rules").toString();
    run = CaptureAnalysis.run(pcap, CaptureAnalysis.config(
        "watchfloor.models.detectors.signature.rule-files = [\"" + rules + "\"]"));
  }

  @Test
  void shouldAlertOnCardAndBasicCredentialsLeavingOverHttp() {
    Map<String, String> e = evidenceOf("sensitive_data", "10.0.1.1");
    assertThat(e).containsEntry("kinds", "card_number=1, http_basic_auth=1")
        .containsEntry("sample.card_number", "************1111")
        .containsEntry("sample.http_basic_auth", "************Pass")
        .containsEntry("peer", "203.0.113.10");
  }

  @Test
  void shouldAlertOnKeysLeavingOverSmtp() {
    assertThat(evidenceOf("sensitive_data", "10.0.1.2"))
        .containsEntry("kinds", "aws_access_key_id=1, private_key=1");
  }

  @Test
  void shouldAlertOnFtpAndTelnetCredentials() {
    assertThat(evidenceOf("sensitive_data", "10.0.1.3"))
        .containsEntry("kinds", "ftp_credentials=1").containsEntry("sample.ftp_credentials", "****er22");
    assertThat(evidenceOf("sensitive_data", "10.0.1.7")).containsEntry("kinds", "telnet_login=2");
  }

  @Test
  void shouldFindCardNumbersInDnsNames() {
    assertThat(evidenceOf("sensitive_data", "10.0.1.8")).containsEntry("kinds", "card_number=1");
  }

  @Test
  void shouldNotAlertForInternalPeersOrEncryptedFlows() {
    assertThat(hostsAlerted("sensitive_data")).doesNotContain("10.0.1.4", "10.0.1.5");
    assertThat(hostsAlerted("sensitive_data"))
        .containsExactlyInAnyOrder("10.0.1.1", "10.0.1.2", "10.0.1.3", "10.0.1.7", "10.0.1.8");
  }

  @Test
  void shouldCarryTheSignatureIntoTheEcsAlert() {
    Anomaly a = run.of("signature").stream().filter(x -> x.host().equals("10.0.1.6")).findFirst().orElseThrow();
    Map<String, Object> ecs = EcsAlert.fields(a);
    assertThat(ecs).containsEntry("rule.name", "signature")
        .containsEntry("rule.id", "1000001")
        .containsEntry("rule.description", "WF TEST exfil marker in HTTP")
        .containsEntry("rule.version", "2")
        .containsEntry("rule.category", "policy-violation")
        .containsEntry("destination.ip", "203.0.113.14")
        .containsEntry("destination.port", 80);
    assertThat(run.of("signature")).extracting(Anomaly::host).containsExactly("10.0.1.6");
  }

  @Test
  void shouldNeverCarryASecretInWindowsAnomaliesOrAlertLines() {
    StringBuilder everything = new StringBuilder();
    for (HostWindow w : run.windows) {
      everything.append(w).append('\n');
    }
    for (Anomaly a : run.anomalies) {
      everything.append(a).append('\n').append(EcsAlert.toJsonLine(a)).append('\n');
    }
    assertThat(everything.toString()).contains("************1111")
        .doesNotContain(CARD, "4111 1111 1111 1111", "YWxpY2U6U2VjcjN0UGFzcw", "Secr3tPass", "hunter22",
            "AKIAIOSFODNN7EXAMPLE", "MIIEowIBAAKCAQEA", "secret99");
  }

  private static List<String> hostsAlerted(String detector) {
    return run.of(detector).stream().map(Anomaly::host).toList();
  }

  private static Map<String, String> evidenceOf(String detector, String host) {
    return run.of(detector).stream().filter(a -> a.host().equals(host)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + detector + " alert for " + host + "; raised: " + run.anomalies))
        .explanation().evidence();
  }

  /** A TLS record header and ClientHello handshake header, enough for the protocol guess. */
  static String tlsClientHello() {
    StringBuilder b = new StringBuilder("\u0016\u0003\u0001\u0000\u0030\u0001\u0000\u0000\u002c\u0003\u0003");
    for (int i = 0; i < 44; i++) {
      b.append((char) (i * 7 & 0xff));
    }
    return b.toString();
  }

  static byte[] dnsQuery(String name) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0});
    for (String label : name.split("\\.")) {
      out.write(label.length());
      out.writeBytes(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    out.writeBytes(new byte[] {0, 0, 1, 0, 1});
    return out.toByteArray();
  }
}
