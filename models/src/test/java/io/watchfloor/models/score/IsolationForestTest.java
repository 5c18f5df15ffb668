package io.watchfloor.models.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsolationForestTest {

  private static final IsolationForestSettings SETTINGS = TestSettings.isolationForest();

  @Test
  void shouldScoreAnOutlierClusterAboveEveryOrdinaryPoint() {
    Random random = new Random(1);
    double[][] rows = new double[1020][];
    for (int i = 0; i < rows.length; i++) {
      double centre = i < 1000 ? 0 : 8;
      rows[i] = new double[] {centre + random.nextGaussian(), centre + random.nextGaussian(),
          random.nextGaussian(), random.nextGaussian()};
    }
    IsolationForest forest = IsolationForest.fit(rows, SETTINGS);

    double[] ordinary = Arrays.stream(rows, 0, 1000).mapToDouble(forest::score).toArray();
    double[] outliers = Arrays.stream(rows, 1000, 1020).mapToDouble(forest::score).toArray();

    assertThat(Arrays.stream(outliers).min().orElseThrow())
        .isGreaterThan(Arrays.stream(ordinary).max().orElseThrow() - 0.05);
    assertThat(Arrays.stream(outliers).average().orElseThrow()).isGreaterThan(0.65);
    assertThat(Arrays.stream(ordinary).average().orElseThrow()).isLessThan(0.5);
    assertThat(forest.score(new double[] {0, 0, 0, 0})).isLessThan(0.45);
  }

  @Test
  void shouldBeDeterministicForASeed() {
    double[][] rows = randomRows(new Random(2), 500, 3);
    double[] x = {0.5, -1, 2};

    double a = IsolationForest.fit(rows, SETTINGS).score(x);
    double b = IsolationForest.fit(rows, SETTINGS).score(x);
    double other =
        IsolationForest.fit(rows, new IsolationForestSettings(100, 256, SETTINGS.seed() + 1)).score(x);

    assertThat(a).isEqualTo(b);
    assertThat(other).isNotEqualTo(a);
  }

  @Test
  void shouldNormaliseBytheAveragePathLengthOfTheSubsample() {
    assertThat(IsolationForest.averagePathLength(1)).isZero();
    assertThat(IsolationForest.averagePathLength(2)).isEqualTo(1);
    // 2 H(255) - 2 * 255 / 256, with H(i) = ln(i) + Euler's constant.
    assertThat(IsolationForest.averagePathLength(256)).isCloseTo(10.2448, within(1e-3));
  }

  @Test
  void shouldScoreConstantDataAsNeitherNormalNorAnomalous() {
    double[][] rows = new double[50][];
    Arrays.setAll(rows, i -> new double[] {1, 2});

    double score = IsolationForest.fit(rows, SETTINGS).score(new double[] {1, 2});

    // No split is possible: every path is c(50) long, and 2^-1 = 0.5.
    assertThat(score).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void shouldRejectBadInput() {
    IsolationForest forest = IsolationForest.fit(randomRows(new Random(3), 100, 3), SETTINGS);

    assertThatThrownBy(() -> forest.score(new double[2]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 values where 3");
    assertThatThrownBy(() -> forest.score(new double[] {1, Double.NaN, 0}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("feature 1 is NaN");
    assertThatThrownBy(() -> IsolationForest.fit(new double[1][3], SETTINGS))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 rows");
    assertThatThrownBy(() -> new IsolationForestSettings(0, 256, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trees");
  }

  private static double[][] randomRows(Random random, int n, int d) {
    double[][] rows = new double[n][d];
    for (double[] row : rows) {
      for (int i = 0; i < d; i++) {
        row[i] = random.nextGaussian();
      }
    }
    return rows;
  }
}
