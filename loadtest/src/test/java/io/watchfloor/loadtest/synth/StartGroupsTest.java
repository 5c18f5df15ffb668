package io.watchfloor.loadtest.synth;

import static java.util.stream.Collectors.toMap;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.watchfloor.models.ModelSettings;
import io.watchfloor.models.score.NeuralSettings;
import io.watchfloor.protocol.alert.Anomaly;
import io.watchfloor.protocol.alert.Explanation;
import io.watchfloor.protocol.alert.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Which hosts are held back, and how attacks and anomalies are split by how hosts started. */
class StartGroupsTest {

  private static final NeuralSettings NEURAL =
      ModelSettings.create(ConfigFactory.load()).neural().orElseThrow().scorer();
  private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");

  @Test
  void shouldHoldBackAboutTheLateShareOfInternalHostsAndTheSameOnesEveryTime() {
    SiteModelReplay a = new SiteModelReplay(SiteModelMode.NODE_DEFAULTS, NEURAL);
    SiteModelReplay b = new SiteModelReplay(SiteModelMode.NODE_DEFAULTS, NEURAL);
    List<String> hosts = IntStream.range(0, 2_000).mapToObj(i -> "10.1." + i / 250 + "." + i % 250)
        .toList();

    long late = hosts.stream().filter(a::isLate).count();

    assertThat(late).isBetween(400L, 600L);
    assertThat(hosts.stream().filter(a::isLate).toList())
        .isEqualTo(hosts.stream().filter(b::isLate).toList());
    assertThat(a.isLate("198.18.0.1") || a.isLate("203.0.113.10")).isFalse();
  }

  @Test
  void shouldHoldBackNobodyWithLateShareZero() {
    SiteModelMode none =
        new SiteModelMode(0, Duration.ZERO, 6, 1000, 10, 100, 4000, Duration.ofHours(6), true);
    SiteModelReplay replay = new SiteModelReplay(none, NEURAL);

    assertThat(IntStream.range(0, 250).mapToObj(i -> "10.1.0." + i).anyMatch(replay::isLate)).isFalse();
  }

  @Test
  void shouldGiveAFloodFromTheInternetToItsTargetsGroup() {
    TruthRow flood = row("flood", "198.18.0.1", "10.0.0.10", 600);
    Anomaly onSource = anomaly("flood", "198.18.0.1", 600);
    Anomaly onTarget = anomaly("flood", "10.0.0.10", 600);
    Anomaly stray = anomaly("neural_anomaly", "198.18.0.1", 9_000);

    StartGroups groups = groups(Map.of("10.0.0.10", SiteModelReplay.Start.OWN,
        "198.18.0.1", SiteModelReplay.Start.SITE), List.of(flood), List.of(onSource, onTarget, stray));

    assertThat(row(groups.ownStarted(), "flood").recall()).isEqualTo(1.0);
    assertThat(row(groups.ownStarted(), "flood").falseAlerts()).isZero();
    assertThat(row(groups.siteStarted(), "flood").alerts()).isZero();
    assertThat(row(groups.siteStarted(), "neural_anomaly").falseAlerts()).isEqualTo(1);
  }

  @Test
  void shouldLeaveOutAnAttackOnAHostThatHadNotAppearedYet() {
    TruthRow scan = row("port_scan", "10.1.0.5", "10.1.0.9", 0);
    Anomaly victim = anomaly("baseline_deviation", "10.1.0.9", 0);

    StartGroups groups = groups(Map.of("10.1.0.9", SiteModelReplay.Start.OWN), List.of(scan),
        List.of(victim));

    assertThat(groups.observedAttacks()).isEmpty();
    assertThat(groups.keptAnomalies()).isEmpty();
    assertThat(groups.ownStarted().total().falseAlerts()).isZero();
  }

  /** Groups of hosts that all had their first window at T0. */
  private static StartGroups groups(Map<String, SiteModelReplay.Start> starts, List<TruthRow> truth,
      List<Anomaly> anomalies) {
    Map<String, Long> from = starts.keySet().stream().collect(toMap(h -> h, h -> T0.toEpochMilli()));
    return new StartGroups(starts, from, truth, anomalies, T0.plusSeconds(86_400).toEpochMilli(),
        90_000);
  }

  private static DetectionReport.Row row(DetectionReport report, String detector) {
    return report.rows().stream().filter(r -> r.detector().equals(detector)).findFirst().orElseThrow();
  }

  private static TruthRow row(String rule, String attacker, String target, int from) {
    return new TruthRow(rule, rule, attacker, List.of(target), T0.plusSeconds(from),
        T0.plusSeconds(from + 20), 10);
  }

  private static Anomaly anomaly(String detector, String host, int seconds) {
    long start = T0.plusSeconds(seconds).toEpochMilli();
    return new Anomaly(Anomaly.idFor("synth", host, detector, start), "synth", "test", host, detector,
        "test", Severity.MEDIUM, 1.0, start, start + 10_000, start + 10_000, host, null, null, null,
        new Explanation("test", List.of(), Map.of()));
  }
}
