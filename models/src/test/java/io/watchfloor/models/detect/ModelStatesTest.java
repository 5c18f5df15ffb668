package io.watchfloor.models.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.watchfloor.models.ModelSettings;
import io.watchfloor.protocol.api.ModelState;
import io.watchfloor.protocol.api.ModelState.Suppression;
import io.watchfloor.protocol.host.HostWindow;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the host detail shows of a host's models: baseline progress, neural training, feedback. */
class ModelStatesTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final ModelSettings SETTINGS = ModelSettings.create(ConfigFactory.parseString("""
          watchfloor.models.neural { grace-windows = 20, epochs = 5, retrain-every = 1000 }
          watchfloor.models.detectors.baseline-deviation.enabled = off
          """).withFallback(ConfigFactory.load()));

  @Test
  void shouldCountDownTheNeuralGracePeriodThenReportTheTrainedThreshold() {
    HostAnalyzer analyzer = SETTINGS.newHostAnalyzer();
    for (int i = 0; i < 5; i++) {
      analyzer.analyze(window(i), T0);
    }
    ModelState grace = analyzer.modelState();
    for (int i = 5; i < 30; i++) {
      analyzer.analyze(window(i), T0);
    }
    ModelState trained = analyzer.modelState();

    assertThat(grace.baselineWindows()).isEqualTo(5);
    assertThat(grace.neural().training()).isEqualTo("grace");
    assertThat(grace.neural().graceWindowsRemaining()).isEqualTo(15);
    assertThat(grace.neural().threshold()).isNull();
    assertThat(trained.neural().training()).isEqualTo("trained");
    assertThat(trained.neural().graceWindowsRemaining()).isZero();
    assertThat(trained.neural().threshold()).isPositive();
    assertThat(trained.neural().trainings()).isEqualTo(1);
    assertThat(trained.neural().windowsLearned()).isEqualTo(30);
  }

  @Test
  void shouldListSuppressionsInForceAndConfirmedDetectors() {
    HostAnalyzer analyzer = SETTINGS.newHostAnalyzer();
    analyzer.analyze(window(0), T0);
    analyzer.feedback().falsePositive("port_scan", Optional.of("10.0.0.9"), T0 + 3_600_000L);
    analyzer.feedback().falsePositive("flood", Optional.empty(), T0 - 1); // over before the last window
    analyzer.feedback().truePositive("beaconing");

    ModelState s = analyzer.modelState();

    assertThat(s.suppressions()).containsExactly(new Suppression("port_scan", "10.0.0.9", T0 + 3_600_000L));
    assertThat(s.confirmedDetectors()).containsExactly("beaconing");
  }

  @Test
  void shouldLeaveNeuralOutWhenItIsOff() {
    ModelSettings off = ModelSettings.create(ConfigFactory.parseString("watchfloor.models.neural.enabled = off")
        .withFallback(ConfigFactory.load()));

    assertThat(off.newHostAnalyzer().modelState().neural()).isNull();
  }

  private static HostWindow window(int i) {
    int p = 40 + i % 5;
    return new HostWindow("local", "s", "10.0.0.7", T0 + i * 10_000L, 10_000, p, p, p * 900L, p * 120L,
        3, 0, 0, 2, 2, 0, null);
  }
}
