package io.watchfloor.models.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.watchfloor.models.ModelSettings;
import io.watchfloor.protocol.alert.Anomaly;
import io.watchfloor.protocol.alert.Severity;
import io.watchfloor.protocol.host.HostWindow;
import io.watchfloor.protocol.host.HostWindow.ScanEvidence;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Analyst feedback on a host: a false positive silences the same pattern; a true positive escalates it. */
class AnalystFeedbackTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final long HOUR = 3_600_000L;
  private static final ModelSettings SETTINGS = ModelSettings.create(ConfigFactory.parseString(
      "watchfloor.models.neural.enabled = off").withFallback(ConfigFactory.load()));

  @Test
  void shouldNotAlertOnTheSamePatternAfterAFalsePositiveUntilItExpires() {
    HostAnalyzer analyzer = SETTINGS.newHostAnalyzer();
    assertThat(analyzer.analyze(scan(0), T0)).extracting(Anomaly::detector).containsExactly("port_scan");

    analyzer.feedback().falsePositive("port_scan", Optional.of("10.0.0.9"), T0 + 24 * HOUR);

    assertThat(analyzer.analyze(scan(1), T0)).isEmpty();
    long learned = analyzer.baseline().windows();
    assertThat(analyzer.analyze(scan(2), T0)).isEmpty();
    assertThat(analyzer.baseline().windows()).as("the suppressed pattern joins the baseline").isEqualTo(learned + 1);
    assertThat(analyzer.analyze(scanAt(T0 + 25 * HOUR), T0)).as("expired").extracting(Anomaly::detector)
        .containsExactly("port_scan");
  }

  @Test
  void shouldRaiseTheSeverityOfLaterAnomaliesAfterATruePositive() {
    HostAnalyzer analyzer = SETTINGS.newHostAnalyzer();
    Severity first = analyzer.analyze(scan(0), T0).get(0).severity();

    analyzer.feedback().truePositive("port_scan");
    Anomaly later = analyzer.analyze(scan(1), T0).get(0);

    assertThat(later.severity().ordinal()).isEqualTo(first.ordinal() + 1);
    assertThat(later.explanation().evidence()).containsKey("severity_raised_by");
  }

  @Test
  void shouldKeepFeedbackAcrossASnapshot() {
    HostAnalyzer analyzer = SETTINGS.newHostAnalyzer();
    analyzer.feedback().falsePositive("port_scan", Optional.empty(), T0 + HOUR);
    HostAnalyzer restored = SETTINGS.newHostAnalyzer();

    restored.restore(analyzer.snapshot());

    assertThat(restored.analyze(scan(3), T0)).isEmpty();
  }

  /** 40 failed connection attempts to 40 ports of 10.0.0.9 in window i. */
  private static HostWindow scan(int i) {
    return scanAt(T0 + i * 10_000L);
  }

  private static HostWindow scanAt(long start) {
    List<Integer> ports = IntStream.rangeClosed(1, 20).boxed().toList();
    return new HostWindow("local", "s", "10.0.0.5", start, 10_000, 0, 40, 0, 2_400, 40, 0, 40, 1, 40, 0,
        new ScanEvidence(40, "10.0.0.9", ports, 1, 80));
  }
}
