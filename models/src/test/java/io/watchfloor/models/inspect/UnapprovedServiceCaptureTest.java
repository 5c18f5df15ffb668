package io.watchfloor.models.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.watchfloor.protocol.alert.Anomaly;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The approved-services policy over a crafted capture, judged by port and payload protocol. */
class UnapprovedServiceCaptureTest {
  private static final String POLICY = String.join("\n",
      "watchfloor.models.detectors.unapproved-service {",
      "  enabled = on",
      "  groups = [",
      "    { name = web-tier, members = [\"10.0.2.0/24\"] }",
      "    { name = jump-hosts, members = [\"10.0.3.5\"] }",
      "    { name = servers, members = [\"10.0.2.0/24\", \"10.0.4.0/24\"] }",
      "  ]",
      "  servers = [servers]",
      "  allow = [",
      "    { clients = [any], servers = [web-tier], services = [\"80/http\", \"443/tls\"] }",
      "    { clients = [jump-hosts], servers = [servers], services = [\"22/ssh\"] }",
      "  ]",
      "}");
  private static final String SSH = "SSH-2.0-OpenSSH_9.6\r\n";
  private static final String HTTP = "GET / HTTP/1.1\r\nHost: web\r\n\r\n";

  private static Map<String, Anomaly> alerts;

  @BeforeAll
  static void analyze(@TempDir Path dir) {
    String tls = PayloadInspectionCaptureTest.tlsClientHello();
    Path pcap = new TestCapture(1_700_000_000_000L)
        .tcp("10.0.5.1", 41001, "10.0.2.10", 443, tls, "\u0016\u0003\u0003\u0000\u0010\u0002hello")
        .tcp("10.0.5.7", 41007, "10.0.2.10", 80, HTTP, "HTTP/1.1 200 OK\r\n\r\n")
        .tcp("10.0.5.2", 41002, "10.0.2.10", 443, SSH, SSH)
        .tcp("10.0.5.3", 41003, "10.0.4.20", 22, SSH, SSH)
        .tcp("10.0.3.5", 41004, "10.0.4.20", 22, SSH, SSH)
        .tcp("10.0.5.4", 41005, "10.0.2.10", 80, tls, "\u0016\u0003\u0003\u0000\u0010\u0002hello")
        .tcp("10.0.5.5", 41006, "10.0.2.10", 8088, tls, "\u0016\u0003\u0003\u0000\u0010\u0002hello")
        .tcp("10.0.5.6", 41008, "203.0.113.9", 22, SSH, SSH)
        .write(dir.resolve("policy.pcap"));
    alerts = CaptureAnalysis.run(pcap, CaptureAnalysis.config(POLICY)).of("unapproved_service").stream()
        .collect(Collectors.toMap(Anomaly::host, a -> a));
  }

  @Test
  void shouldAllowServicesThePolicyAllows() {
    assertThat(alerts).doesNotContainKeys("10.0.5.1", "10.0.5.7", "10.0.3.5");
  }

  @Test
  void shouldCatchTheWrongProtocolOnAnAllowedPort() {
    assertThat(alerts.get("10.0.5.2").explanation().evidence()).containsEntry("services", "10.0.2.10:443/tcp/ssh");
    assertThat(alerts.get("10.0.5.4").explanation().evidence()).containsEntry("services", "10.0.2.10:80/tcp/tls");
  }

  @Test
  void shouldCatchPortsAndClientsOutsidePolicy() {
    assertThat(alerts.get("10.0.5.5").destinationPort()).isEqualTo(8088);
    assertThat(alerts.get("10.0.5.3").destinationIp()).isEqualTo("10.0.4.20");
    assertThat(alerts.get("10.0.5.3").category()).isEqualTo("policy_violation");
  }

  @Test
  void shouldLeaveUngovernedConnectionsAlone() {
    assertThat(alerts).containsOnlyKeys("10.0.5.2", "10.0.5.3", "10.0.5.4", "10.0.5.5");
  }

  @Test
  void shouldRejectAPolicyNamingAnUnknownGroupOrProtocol() {
    assertThatThrownBy(() -> ServicePolicy.create(ConfigFactory.parseString(
        "groups = [], servers = [dmz], clients = [], allow = []")))
        .hasMessageContaining("unknown group 'dmz'");
    assertThatThrownBy(() -> ServicePolicy.create(ConfigFactory.parseString(
        "groups = [], servers = [any], clients = [], allow = [{clients = [any], servers = [any], services = [\"443/gopher\"]}]")))
        .hasMessageContaining("unknown protocol 'gopher'");
  }
}
