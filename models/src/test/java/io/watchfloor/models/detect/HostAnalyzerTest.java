package io.watchfloor.models.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.models.baseline.BaselineSettings;
import io.watchfloor.protocol.alert.Anomaly;
import io.watchfloor.protocol.alert.FeatureDeviation;
import io.watchfloor.protocol.host.HostWindow;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The baseline-deviation detector as the host entity drives it, through {@link HostAnalyzer}. */
class HostAnalyzerTest {

  private static final String HOST = "10.1.2.3";
  private static final long T0 = 1_700_000_000_000L;
  private static final long WINDOW = 10_000;
  private static final long BIG_BYTES_OUT = 50_000_000;

  @Test
  void shouldFlagFiftyMegabytesOutAfterFortyOrdinaryWindows() {
    HostAnalyzer analyzer = analyzerWithHistory(40);

    List<Anomaly> anomalies = analyzer.analyze(bigWindow(40), now(40));

    assertThat(anomalies).hasSize(1);
    Anomaly a = anomalies.get(0);
    assertThat(a.detector()).isEqualTo("baseline_deviation");
    assertThat(a.host()).isEqualTo(HOST);
    assertThat(a.sourceIp()).isEqualTo(HOST);
    assertThat(a.windowStartMillis()).isEqualTo(start(40));
    assertThat(a.windowEndMillis()).isEqualTo(start(40) + WINDOW);
  }

  @Test
  void shouldExplainTheAnomalyWithBytesOutFirst() {
    HostAnalyzer analyzer = analyzerWithHistory(40);

    Anomaly a = analyzer.analyze(bigWindow(40), now(40)).get(0);

    List<FeatureDeviation> features = a.explanation().features();
    assertThat(features).isNotEmpty();
    assertThat(features.get(0).feature()).isEqualTo("bytes_out");
    assertThat(features.get(0).observed()).isEqualTo(BIG_BYTES_OUT);
    assertThat(features).extracting(FeatureDeviation::zScore).isSortedAccordingTo((x, y) -> Double.compare(y, x));
    assertThat(a.explanation().evidence())
        .containsEntry("feature", "bytes_out")
        .containsEntry("baseline_windows", "40");
    assertThat(a.explanation().summary()).startsWith(HOST + ": bytes_out was 50000000");
  }

  @Test
  void shouldNotFlagOrdinaryWindowsOfAWarmHost() {
    HostAnalyzer analyzer = analyzerWithHistory(40);

    assertThat(analyzer.analyze(ordinaryWindow(40, new Random(99)), now(40))).isEmpty();
    assertThat(analyzer.anomaliesRaised()).isZero();
  }

  @Test
  void shouldNeverFlagAColdHost() {
    HostAnalyzer analyzer = analyzerWithHistory(5);

    assertThat(analyzer.analyze(bigWindow(5), now(5))).isEmpty();
    assertThat(analyzer.baseline().isWarm()).isFalse();
  }

  @Test
  void shouldNotLearnAnAnomalousWindow() {
    HostAnalyzer analyzer = analyzerWithHistory(40);
    analyzer.analyze(bigWindow(40), now(40));

    List<Anomaly> again = analyzer.analyze(bigWindow(41), now(41));

    assertThat(analyzer.baseline().windows()).isEqualTo(40);
    assertThat(again).hasSize(1);
    assertThat(analyzer.anomaliesRaised()).isEqualTo(2);
  }

  @Test
  void shouldLearnAnOrdinaryWindow() {
    HostAnalyzer analyzer = analyzerWithHistory(40);

    analyzer.analyze(ordinaryWindow(40, new Random(99)), now(40));

    assertThat(analyzer.baseline().windows()).isEqualTo(41);
  }

  @Test
  void shouldDeriveTheSameAnomalyIdForTheSameHostDetectorAndWindow() {
    Anomaly first = analyzerWithHistory(40).analyze(bigWindow(40), now(40)).get(0);
    Anomaly replayed = analyzerWithHistory(40).analyze(bigWindow(40), now(40) + 60_000).get(0);

    assertThat(replayed.id()).isEqualTo(first.id());
    assertThat(first.id()).isEqualTo(Anomaly.idFor("local", HOST, "baseline_deviation", start(40)));
  }

  @Test
  void shouldDeriveDifferentAnomalyIdsForDifferentWindows() {
    HostAnalyzer analyzer = analyzerWithHistory(40);

    Anomaly first = analyzer.analyze(bigWindow(40), now(40)).get(0);
    Anomaly next = analyzer.analyze(bigWindow(41), now(41)).get(0);

    assertThat(next.id()).isNotEqualTo(first.id());
  }

  private static HostAnalyzer analyzerWithHistory(int windows) {
    HostAnalyzer analyzer =
        new HostAnalyzer(
            new BaselineSettings(30, 0.05, 0.35),
            List.of(new PortScanDetector(15, 25), new BaselineDeviationDetector(6.0)));
    Random random = new Random(42);
    for (int i = 0; i < windows; i++) {
      assertThat(analyzer.analyze(ordinaryWindow(i, random), now(i))).isEmpty();
    }
    assertThat(analyzer.baseline().windows()).isEqualTo(windows);
    return analyzer;
  }

  /** About 100 packets and 50 KB each way, a handful of connections. */
  private static HostWindow ordinaryWindow(int i, Random random) {
    return window(
        i,
        100 + random.nextInt(11) - 5,
        100 + random.nextInt(11) - 5,
        50_000 + random.nextInt(2_001) - 1_000,
        50_000 + random.nextInt(2_001) - 1_000);
  }

  /** An exfiltration: 50 MB out in ~35 000 full-size packets. */
  private static HostWindow bigWindow(int i) {
    return window(i, 100, 35_000, 50_000, BIG_BYTES_OUT);
  }

  private static HostWindow window(int i, long packetsIn, long packetsOut, long bytesIn, long bytesOut) {
    return new HostWindow(
        "local", "s", HOST, start(i), WINDOW, packetsIn, packetsOut, bytesIn, bytesOut, 3, 0, 0, 2,
        2, 0, null);
  }

  private static long start(int i) {
    return T0 + i * WINDOW;
  }

  private static long now(int i) {
    return start(i) + WINDOW + 50;
  }
}
