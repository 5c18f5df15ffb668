package io.watchfloor.models.detect;

import static io.watchfloor.models.detect.DetectorFixtures.inspect;
import static io.watchfloor.models.detect.DetectorFixtures.tcp;
import static io.watchfloor.models.detect.DetectorFixtures.withFlows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchfloor.protocol.alert.Severity;
import io.watchfloor.protocol.host.FlowSummary;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PortProtocolMismatchDetectorTest {

  private final PortProtocolMismatchDetector detector =
      new PortProtocolMismatchDetector(List.of(), List.of(4444, 31337));

  private Optional<Finding> inspectFlows(FlowSummary... flows) {
    return inspect(detector, withFlows(List.of(flows)));
  }

  @Test
  void shouldFlagSshOnPort80WithItsBanner() {
    String banner = "SSH-2.0-OpenSSH_5.8p1 Debian-1ubuntu3";
    Finding f =
        inspectFlows(tcp("172.16.238.131", 80, 49656, "ssh", Map.of("watchfloor.ssh.banner", banner)))
            .orElseThrow();

    assertThat(f.detector()).isEqualTo("port_protocol_mismatch");
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.destinationIp()).isEqualTo("172.16.238.131");
    assertThat(f.destinationPort()).isEqualTo(80);
    assertThat(f.transport()).isEqualTo("tcp");
    assertThat(f.evidence())
        .containsEntry("peer", "172.16.238.131")
        .containsEntry("port", "80")
        .containsEntry("observed_protocol", "ssh")
        .containsEntry("expected_protocol", "http")
        .containsEntry("watchfloor.ssh.banner", banner);
    assertThat(f.summary()).contains("ssh", "172.16.238.131:80", "http");
  }

  @Test
  void shouldFlagFtpOnPort443ExpectingTlsOnly() {
    Finding f = inspectFlows(tcp(443, "ftp")).orElseThrow();

    assertThat(f.evidence()).containsEntry("expected_protocol", "tls");
  }

  @Test
  void shouldAcceptHttpOnPort80() {
    assertThat(inspectFlows(tcp(80, "http"))).isEmpty();
  }

  @Test
  void shouldAcceptTlsOnAlternativeHttpPort() {
    assertThat(inspectFlows(tcp(8080, "tls"))).isEmpty();
  }

  @Test
  void shouldFlagHttpOnADatabasePortAsMedium() {
    Finding f = inspectFlows(tcp(5432, "http")).orElseThrow();

    assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(f.evidence()).containsEntry("rule", "unexpected_protocol_on_well_known_port");
  }

  @Test
  void shouldIgnoreFlowsWithoutARecognisedProtocol() {
    assertThat(inspectFlows(tcp(80, null), tcp(443, "unknown"))).isEmpty();
  }

  @Test
  void shouldFlagSshOnAnUnassignedPort() {
    Finding f = inspectFlows(tcp(2222, "ssh")).orElseThrow();

    assertThat(f.evidence())
        .containsEntry("rule", "interactive_protocol_on_foreign_port")
        .containsEntry("expected_protocol", "unassigned (ssh belongs on 22)");
  }

  @Test
  void shouldAcceptASitesAllowedPair() {
    PortProtocolMismatchDetector site = new PortProtocolMismatchDetector(List.of("2222/ssh"), List.of());

    assertThat(inspect(site, withFlows(List.of(tcp(2222, "ssh"))))).isEmpty();
  }

  @Test
  void shouldIgnoreTheServersHalfSeenFirst() {
    assertThat(inspectFlows(tcp("10.9.9.9", 51_000, 22, "ssh", Map.of()))).isEmpty();
  }

  @Test
  void shouldFlagHttpOnABackdoorPort() {
    Finding f = inspectFlows(tcp(4444, "http")).orElseThrow();

    assertThat(f.evidence()).containsEntry("rule", "http_on_backdoor_port");
  }

  @Test
  void shouldAcceptHttpOnAnOrdinaryHighPort() {
    assertThat(inspectFlows(tcp(9000, "http"), tcp(4445, "http"))).isEmpty();
  }

  @Test
  void shouldReportTheWorstOfSeveralMismatchesAndCountThem() {
    Finding f = inspectFlows(tcp(5432, "http"), tcp(80, "ssh"), tcp(80, "http")).orElseThrow();

    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.evidence()).containsEntry("observed_protocol", "ssh").containsEntry("mismatched_flows", "2");
    assertThat(f.score()).isEqualTo(2.0);
  }

  @Test
  void shouldRejectAMalformedAllowedPairNamingTheKey() {
    assertThatThrownBy(() -> new PortProtocolMismatchDetector(List.of("ssh:2222"), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port-protocol-mismatch.allowed")
        .hasMessageContaining("ssh:2222");
  }

  @Test
  void shouldRejectABackdoorPortOutOfRange() {
    assertThatThrownBy(() -> new PortProtocolMismatchDetector(List.of(), List.of(70_000)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("backdoor-ports");
  }
}
