package io.watchfloor.models.detect;

import static io.watchfloor.models.detect.DetectorFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.models.intel.ThreatIntel;
import io.watchfloor.protocol.app.AppMetadata;
import io.watchfloor.protocol.host.FlowSummary;
import io.watchfloor.protocol.host.HostWindow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThreatIntelDetectorTest {
  @TempDir Path dir;
  private ThreatIntelDetector detector;

  @BeforeEach
  void feed() throws IOException {
    Path csv = dir.resolve("feed.csv");
    Files.writeString(csv, """
        ip,198.51.100.7,Emotet C2
        domain,evil.example,phishing kit
        ja3,e7d705a3286e19ea42f587b344ee6865,Cobalt Strike default
        """);
    detector = new ThreatIntelDetector(new ThreatIntel(List.of(csv), Duration.ofMinutes(1)), Duration.ofHours(1));
  }

  @Test
  void shouldFlagAFlowToAListedAddress() {
    HostWindow w = DetectorFixtures.withFlows(List.of(flow("198.51.100.7", 443, Map.of())));

    Finding f = DetectorFixtures.inspect(detector, w).orElseThrow();

    assertThat(f.detector()).isEqualTo("threat_intel");
    assertThat(f.destinationIp()).isEqualTo("198.51.100.7");
    assertThat(f.destinationPort()).isEqualTo(443);
    assertThat(f.summary()).contains("198.51.100.7", "Emotet C2");
    assertThat(f.evidence().get("match.0")).contains("destination.ip=198.51.100.7", "feed.csv:1");
  }

  @Test
  void shouldFlagADnsQueryUnderAListedDomainAndAListedJa3() {
    HostWindow w = DetectorFixtures.withFlows(List.of(
        flow("10.0.0.53", 53, Map.of(AppMetadata.DNS_QUESTION_NAME, "login.evil.example")),
        flow("203.0.113.9", 443, Map.of(AppMetadata.TLS_CLIENT_JA3, "e7d705a3286e19ea42f587b344ee6865",
            AppMetadata.TLS_CLIENT_SERVER_NAME, "cdn.example.org"))));

    Finding f = DetectorFixtures.inspect(detector, w).orElseThrow();

    assertThat(f.evidence()).containsEntry("indicators", "2");
    assertThat(f.evidence().get("match.0")).contains("dns.question.name=login.evil.example");
    assertThat(f.evidence().get("match.1")).contains("tls.client.ja3");
  }

  @Test
  void shouldIgnoreUnlistedTrafficAndRealertOnlyAfterTheQuietPeriod() {
    HostWindow clean = DetectorFixtures.withFlows(List.of(flow("198.51.100.8", 443, Map.of())));
    assertThat(DetectorFixtures.inspect(detector, clean)).isEmpty();

    HostWindow bad = DetectorFixtures.withFlows(List.of(flow("198.51.100.7", 443, Map.of())));
    assertThat(DetectorFixtures.inspect(detector, bad)).isPresent();
    assertThat(DetectorFixtures.inspect(detector, bad)).as("same window time again").isEmpty();
  }

  private static FlowSummary flow(String peer, int port, Map<String, String> md) {
    return new FlowSummary(peer, port, 50_000, port == 53 ? "udp" : "tcp", null, T0, T0 + 100, 1, 80, 1,
        120, null, md);
  }
}
