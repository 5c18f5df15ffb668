package io.watchfloor.loadtest.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.watchfloor.protocol.alert.Anomaly;
import io.watchfloor.protocol.alert.Explanation;
import io.watchfloor.protocol.alert.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's arithmetic on a hand-made case. */
class DetectionReportTest {

  private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
  private static final long GRACE = 70_000;

  private static final TruthRow SCAN_A = row("port_scan", "10.1.0.1", "10.1.0.9", 0, 20);
  private static final TruthRow SCAN_B = row("port_scan", "10.1.0.2", "10.1.0.9", 600, 620);
  private static final TruthRow FLOOD = row("flood", "198.18.0.1", "10.0.0.10", 1000, 1020);
  private static final TruthRow BEACON = row("beaconing", "10.1.0.3", "198.18.0.2", 2000, 4400);

  @Test
  void shouldComputeRecallAndFalseAlertsPerDetector() {
    List<Anomaly> anomalies = List.of(
        anomaly("port_scan", "10.1.0.1", 10),         // detects SCAN_A
        anomaly("port_scan", "10.1.0.1", 30),         // a second window of SCAN_A: true, not false
        anomaly("baseline_deviation", "10.1.0.9", 0), // the victim reacting to SCAN_A: not false
        anomaly("port_scan", "10.1.0.2", 5000),       // SCAN_B's attacker, long after it: false
        anomaly("flood", "10.0.0.10", 1010),          // the flood's victim: detects FLOOD
        anomaly("beaconing", "10.1.0.3", 4460),       // within 70 s grace of the last beacon
        anomaly("beaconing", "10.1.0.7", 3000),       // a host in no attack: false
        anomaly("exfiltration", "10.1.0.8", 100));    // a host in no attack: false

    DetectionReport report =
        new DetectionReport(List.of(SCAN_A, SCAN_B, FLOOD, BEACON), anomalies, 20.0, GRACE);

    assertThat(row(report, "port_scan")).isEqualTo(
        new DetectionReport.Row("port_scan", 2, 1, 0.5, 3, 1, 1 / 20.0));
    assertThat(row(report, "flood").recall()).isEqualTo(1.0);
    assertThat(row(report, "beaconing")).isEqualTo(
        new DetectionReport.Row("beaconing", 1, 1, 1.0, 2, 1, 1 / 20.0));
    assertThat(row(report, "exfiltration").recall()).isNaN();
    assertThat(row(report, "exfiltration").falseAlerts()).isEqualTo(1);
    assertThat(row(report, "off_hours").attacks()).isZero();
    assertThat(row(report, "baseline_deviation").falseAlerts()).isZero();
    assertThat(report.total()).isEqualTo(
        new DetectionReport.Row("all", 4, 3, 0.75, 8, 3, 3 / 20.0));
    assertThat(report.total().falsePer100HostDays()).isCloseTo(15.0, within(1e-9));
  }

  @Test
  void shouldReportRecallZeroForAnExpectedDetectorThatRaisedNothing() {
    DetectionReport report = new DetectionReport(List.of(FLOOD, SCAN_A), List.of(), 1.0, GRACE);

    assertThat(row(report, "flood")).isEqualTo(new DetectionReport.Row("flood", 1, 0, 0.0, 0, 0, 0.0));
  }

  @Test
  void shouldNotCountAVictimsAlertAsDetectionExceptForFloods() {
    List<Anomaly> victimOnly = List.of(anomaly("port_scan", "10.1.0.9", 10));

    DetectionReport report = new DetectionReport(List.of(SCAN_A), victimOnly, 1.0, GRACE);

    assertThat(row(report, "port_scan").detected()).isZero();
    assertThat(row(report, "port_scan").falseAlerts()).isZero();
  }

  @Test
  void shouldNotMatchTheRightHostWithTheWrongDetector() {
    List<Anomaly> wrongRule = List.of(anomaly("lateral_movement", "10.1.0.1", 10));

    DetectionReport report = new DetectionReport(List.of(SCAN_A), wrongRule, 1.0, GRACE);

    assertThat(row(report, "port_scan").recall()).isZero();
    assertThat(row(report, "lateral_movement").falseAlerts()).isZero();
  }

  @Test
  void shouldPrintOneMarkdownAndOneTsvLinePerDetectorPlusTotal() {
    DetectionReport report = new DetectionReport(List.of(SCAN_A),
        List.of(anomaly("port_scan", "10.1.0.1", 10)), 2.0, GRACE);

    assertThat(report.markdown().lines())
        .hasSize(2 + DetectionReport.DETECTORS.size() + 1)
        .contains("| port_scan | 1 | 1 | 1.00 | 1 | 0 | 0.000 | 0.0 |")
        .contains("| off_hours | 0 | 0 | – | 0 | 0 | 0.000 | 0.0 |");
    assertThat(report.tsv().lines()).hasSize(1 + DetectionReport.DETECTORS.size() + 1)
        .contains("port_scan\t1\t1\t1.00\t1\t0\t0.0000\t0.00");
  }

  @Test
  void shouldRejectNonPositiveHostDays() {
    assertThatThrownBy(() -> new DetectionReport(List.of(), List.of(), 0, GRACE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host-days");
  }

  private static DetectionReport.Row row(DetectionReport report, String detector) {
    return report.rows().stream().filter(r -> r.detector().equals(detector)).findFirst().orElseThrow();
  }

  private static TruthRow row(String rule, String attacker, String target, int from, int to) {
    return new TruthRow(rule, rule, attacker, List.of(target), T0.plusSeconds(from), T0.plusSeconds(to), 10);
  }

  /** An anomaly of the 10 s window starting {@code seconds} after T0. */
  private static Anomaly anomaly(String detector, String host, int seconds) {
    long start = T0.plusSeconds(seconds).toEpochMilli();
    return new Anomaly(Anomaly.idFor("synth", host, detector, start), "synth", "test", host, detector,
        "test", Severity.MEDIUM, 1.0, start, start + 10_000, start + 10_000, host, null, null, null,
        new Explanation("test", List.of(), Map.of()));
  }
}
