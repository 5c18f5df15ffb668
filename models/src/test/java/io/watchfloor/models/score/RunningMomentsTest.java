package io.watchfloor.models.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RunningMomentsTest {

  private static RunningMoments of(double... values) {
    RunningMoments m = new RunningMoments(1);
    for (double v : values) {
      m.add(new double[] {v}, Integer.MAX_VALUE);
    }
    return m;
  }

  @Test
  void shouldPoolTwoSamplesAsIfTheyWereOne() {
    RunningMoments pooled = of(1, 2, 3, 4).pooledWith(of(10, 12));
    RunningMoments together = of(1, 2, 3, 4, 10, 12);

    assertThat(pooled.count()).isEqualTo(6);
    assertThat(pooled.mean(0)).isCloseTo(together.mean(0), within(1e-12));
    assertThat(pooled.sd(0)).isCloseTo(together.sd(0), within(1e-12));
  }

  @Test
  void shouldPoolWithAnEmptySampleToTheOther() {
    RunningMoments pooled = new RunningMoments(1).pooledWith(of(2, 4));

    assertThat(pooled.count()).isEqualTo(2);
    assertThat(pooled.mean(0)).isEqualTo(3);
    assertThat(pooled.sd(0)).isCloseTo(1, within(1e-12));
  }
}
