package io.watchfloor.models.detect;

import static io.watchfloor.models.detect.DetectorFixtures.dns;
import static io.watchfloor.models.detect.DetectorFixtures.inspect;
import static io.watchfloor.models.detect.DetectorFixtures.withFlows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.watchfloor.protocol.host.FlowSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DnsTunnelingDetectorTest {
  private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

  private final DnsTunnelingDetector detector = new DnsTunnelingDetector(defaults(Set.of()));

  private static DnsTunnelingDetector.Thresholds defaults(Set<String> ignored) {
    return new DnsTunnelingDetector.Thresholds(10, 3.5, 40, 2000, 8, 200, ignored);
  }

  private Optional<Finding> inspectFlows(List<FlowSummary> flows) {
    return inspect(detector, withFlows(flows));
  }

  /** {@code n} A queries for distinct random base32 subdomains (20 chars, ~3.8 bits/char). */
  private static List<FlowSummary> encoded(int n, String domain) {
    Random random = new Random(7);
    List<FlowSummary> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder label = new StringBuilder();
      for (int c = 0; c < 20; c++) {
        label.append(BASE32.charAt(random.nextInt(BASE32.length())));
      }
      out.add(dns(label + "." + domain, "A", 1, null));
    }
    return out;
  }

  @Test
  void shouldFlagTenHighEntropySubdomains() {
    Finding f = inspectFlows(encoded(10, "evil.com")).orElseThrow();

    assertThat(f.detector()).isEqualTo("dns_tunneling");
    assertThat(f.category()).isEqualTo("command_and_control");
    assertThat(f.destinationIp()).isEqualTo("10.0.0.53");
    assertThat(f.destinationPort()).isEqualTo(53);
    assertThat(f.evidence())
        .containsEntry("registered_domain", "evil.com")
        .containsEntry("unique_subdomains", "10")
        .containsEntry("rules", "encoded_subdomains");
    assertThat(f.evidence().get("sample_names").split(", ")).hasSize(3).allMatch(n -> n.endsWith(".evil.com"));
    assertThat(Double.parseDouble(f.evidence().get("mean_subdomain_entropy"))).isGreaterThanOrEqualTo(3.5);
  }

  @Test
  void shouldIgnoreNineHighEntropySubdomains() {
    assertThat(inspectFlows(encoded(9, "evil.com"))).isEmpty();
  }

  @Test
  void shouldIgnoreManyShortOrdinaryHostNames() {
    List<FlowSummary> flows = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      flows.add(dns("host" + i + ".corp.com", "A", 1, null));
    }
    assertThat(inspectFlows(flows)).isEmpty();
  }

  @Test
  void shouldFlagTenLongLowEntropyNames() {
    List<FlowSummary> flows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      flows.add(dns("a".repeat(30) + i + ".evil.com", "A", 1, null)); // 40 characters
    }
    assertThat(inspectFlows(flows).orElseThrow().evidence()).containsEntry("mean_name_length", "40.0");
  }

  @Test
  void shouldIgnoreTenNamesJustShorterThanTheLengthThreshold() {
    List<FlowSummary> flows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      flows.add(dns("a".repeat(29) + i + ".evil.com", "A", 1, null)); // 39 characters
    }
    assertThat(inspectFlows(flows)).isEmpty();
  }

  @Test
  void shouldFlagTwoThousandTxtBytesOverEightQueries() {
    List<FlowSummary> flows = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      flows.add(dns("l." + i + ".ns.c2.pl", "TXT", 1, 250));
    }
    Finding f = inspectFlows(flows).orElseThrow();

    assertThat(f.evidence())
        .containsEntry("rules", "txt_channel")
        .containsEntry("txt_bytes", "2000")
        .containsEntry("txt_queries", "8")
        .containsEntry("registered_domain", "c2.pl");
  }

  @Test
  void shouldIgnoreTxtBytesJustBelowTheThreshold() {
    List<FlowSummary> flows = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      flows.add(dns("l." + i + ".ns.c2.pl", "TXT", 1, i == 0 ? 249 : 250));
    }
    assertThat(inspectFlows(flows)).isEmpty();
  }

  @Test
  void shouldIgnoreLargeTxtAnswersToFewQueries() {
    List<FlowSummary> flows = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      flows.add(dns("s" + i + "._domainkey.mail.com", "TXT", 1, 1000));
    }
    assertThat(inspectFlows(flows)).isEmpty();
  }

  @Test
  void shouldFlagTwoHundredQueriesOnOneSocket() {
    Finding f = inspectFlows(List.of(dns("vaaaakavwcq.example.attack", "TXT", 200, 17))).orElseThrow();

    assertThat(f.evidence())
        .containsEntry("rules", "query_volume")
        .containsEntry("queries", "200")
        .containsEntry("flows", "1")
        .containsEntry("registered_domain", "example.attack");
    assertThat(f.score()).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void shouldIgnoreOneHundredNinetyNineQueries() {
    assertThat(inspectFlows(List.of(dns("www.example.com", "A", 199, null)))).isEmpty();
  }

  @Test
  void shouldIgnoreMulticastAndNetbiosNameServices() {
    assertThat(inspectFlows(List.of(dns("printer.local", "A", 500, null, 5353)))).isEmpty();
  }

  @Test
  void shouldIgnoreReverseLookups() {
    List<FlowSummary> flows = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      flows.add(dns("b.a.9.8.7.6.5.4.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0." + (i % 10) + ".ip6.arpa", "PTR", 1, null));
    }
    assertThat(inspectFlows(flows)).isEmpty();
  }

  @Test
  void shouldIgnoreAnIgnoredDomain() {
    DnsTunnelingDetector site = new DnsTunnelingDetector(defaults(Set.of("evil.com")));

    assertThat(inspect(site, withFlows(encoded(50, "evil.com")))).isEmpty();
  }

  @Test
  void shouldCountSubdomainsUnderTheCountrysSecondLevel() {
    Finding f = inspectFlows(encoded(10, "evil.co.uk")).orElseThrow();

    assertThat(f.evidence()).containsEntry("registered_domain", "evil.co.uk");
  }

  @Test
  void shouldMeasureEntropyWithoutDots() {
    assertThat(DnsTunnelingDetector.entropy("aaaa")).isZero();
    assertThat(DnsTunnelingDetector.entropy("ab.ab")).isCloseTo(1.0, within(1e-9));
    assertThat(DnsTunnelingDetector.entropy("abcdefgh")).isCloseTo(3.0, within(1e-9));
  }

  @Test
  void shouldRejectOutOfRangeThresholdsNamingTheBlock() {
    assertThatThrownBy(() -> new DnsTunnelingDetector.Thresholds(1, 3.5, 40, 2000, 8, 200, Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("watchfloor.models.detectors.dns-tunneling");
  }
}
