package io.watchfloor.models.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ErrorThresholdTest {

  @Test
  void shouldGiveTheStandardNormalUpperQuantiles() {
    assertThat(ErrorThreshold.upperNormalQuantile(0.5)).isCloseTo(0, within(1e-9));
    assertThat(ErrorThreshold.upperNormalQuantile(0.05)).isCloseTo(1.644854, within(1e-6));
    assertThat(ErrorThreshold.upperNormalQuantile(0.001)).isCloseTo(3.090232, within(1e-6));
    assertThat(ErrorThreshold.upperNormalQuantile(0.975)).isCloseTo(-1.959964, within(1e-6));
    assertThatThrownBy(() -> ErrorThreshold.upperNormalQuantile(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldLeaveTheTailProbabilityOfLogNormalErrorsAboveTheThreshold() {
    Random random = new Random(1);
    RunningMoments logErrors = new RunningMoments(1);
    for (int i = 0; i < 100_000; i++) {
      logErrors.add(new double[] {-2 + 0.7 * random.nextGaussian()}, Integer.MAX_VALUE);
    }
    double threshold = new ErrorThreshold(0.01, 0.25).threshold(logErrors);

    int above = 0;
    for (int i = 0; i < 100_000; i++) {
      above += Math.exp(-2 + 0.7 * random.nextGaussian()) > threshold ? 1 : 0;
    }

    assertThat(above).isBetween(850, 1150);
  }

  @Test
  void shouldForgetOldValuesOnceTheMemoryIsFull() {
    RunningMoments m = new RunningMoments(1);
    for (int i = 0; i < 1000; i++) {
      m.add(new double[] {1}, 100);
    }
    for (int i = 0; i < 1000; i++) {
      m.add(new double[] {5}, 100);
    }

    assertThat(m.count()).isEqualTo(100);
    assertThat(m.mean(0)).isCloseTo(5, within(1e-3));
  }
}
