package io.watchfloor.loadtest.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RocAucTest {

  @Test
  void shouldBeOneWhenEveryAnomalyScoresAboveEveryNormalRow() {
    assertThat(RocAuc.of(new double[] {0.1, 0.2, 0.3}, new double[] {0.4, 0.9})).isEqualTo(1.0);
  }

  @Test
  void shouldBeZeroWhenTheScoresAreReversed() {
    assertThat(RocAuc.of(new double[] {5, 6}, new double[] {1, 2, 3})).isEqualTo(0.0);
  }

  @Test
  void shouldCountTiesAsOneHalf() {
    assertThat(RocAuc.of(new double[] {1, 1}, new double[] {1, 1, 1})).isEqualTo(0.5);
    // Pairs: (a=2 vs n=1) win, (2 vs 2) tie, (3 vs 1) win, (3 vs 2) win: 3.5 of 4.
    assertThat(RocAuc.of(new double[] {1, 2}, new double[] {2, 3})).isEqualTo(0.875);
  }

  @Test
  void shouldEqualTheShareOfCorrectlyOrderedPairs() {
    java.util.Random random = new java.util.Random(1);
    double[] normal = random.doubles(300).toArray();
    double[] anomalies = random.doubles(200).map(x -> x + 0.3).toArray();
    double wins = 0;
    for (double a : anomalies) {
      for (double n : normal) {
        wins += a > n ? 1 : a == n ? 0.5 : 0;
      }
    }

    assertThat(RocAuc.of(normal, anomalies)).isCloseTo(wins / (300.0 * 200), within(1e-12));
  }

  @Test
  void shouldRejectAnEmptySideOrNaN() {
    assertThatThrownBy(() -> RocAuc.of(new double[0], new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("had 0 and 1");
    assertThatThrownBy(() -> RocAuc.of(new double[] {Double.NaN}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
  }
}
