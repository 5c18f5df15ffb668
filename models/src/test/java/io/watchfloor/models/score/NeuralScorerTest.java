package io.watchfloor.models.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class NeuralScorerTest {

  private static final NeuralSettings SETTINGS = TestSettings.neural();
  private static final double LEVEL = 300;

  @Test
  void shouldNotScoreBeforeTheGracePeriodEnds() {
    NeuralScorer scorer = new NeuralScorer(SETTINGS, SyntheticWindows.DIMENSION);
    List<double[]> windows = SyntheticWindows.normals(1, LEVEL, SETTINGS.graceWindows());

    for (int i = 0; i < windows.size() - 1; i++) {
      assertThat(scorer.learn(windows.get(i))).isFalse();
    }

    assertThat(scorer.isReady()).isFalse();
    assertThat(scorer.score(windows.get(0))).isEmpty();
    assertThat(scorer.learn(windows.get(windows.size() - 1))).isTrue();
  }

  @Test
  void shouldLowerTheErrorOfNormalWindowsByTraining() {
    NeuralScorer barely = trained(TestSettings.withNetwork(SETTINGS.layers(), 1), 1);
    NeuralScorer fully = trained(SETTINGS, 1);
    List<double[]> fresh = SyntheticWindows.normals(99, LEVEL, 200);

    assertThat(meanError(fully, fresh)).isLessThan(meanError(barely, fresh) / 3);
  }

  @Test
  void shouldFlagShiftedWindowsAndPassNormalOnes() {
    NeuralScorer scorer = trained(SETTINGS, 2);
    Random random = new Random(7);
    int flaggedNormal = 0;
    int flaggedScan = 0;
    int flaggedExfiltration = 0;
    for (int i = 0; i < 500; i++) {
      flaggedNormal += flagged(scorer, SyntheticWindows.normal(random, LEVEL));
      flaggedScan += flagged(scorer, SyntheticWindows.scanning(random, LEVEL));
      flaggedExfiltration += flagged(scorer, SyntheticWindows.exfiltrating(random, LEVEL));
    }

    assertThat(flaggedNormal).isLessThanOrEqualTo(5);
    assertThat(flaggedScan).isEqualTo(500);
    assertThat(flaggedExfiltration).isEqualTo(500);
  }

  @Test
  void shouldPlaceTheThresholdAboveNormalErrorsAndBelowShiftedOnes() {
    NeuralScorer scorer = trained(SETTINGS, 3);
    double[] normalErrors = errors(scorer, SyntheticWindows.normals(11, LEVEL, 1000));
    double threshold = scorer.score(SyntheticWindows.normal(new Random(1), LEVEL))
        .orElseThrow().threshold();
    double scanError = scorer.score(SyntheticWindows.scanning(new Random(2), LEVEL))
        .orElseThrow().error();

    assertThat(threshold).isGreaterThan(quantile(normalErrors, 0.99));
    assertThat(threshold).isLessThan(50 * quantile(normalErrors, 0.5));
    assertThat(threshold).isLessThan(scanError / 10);
  }

  @Test
  void shouldNameTheFeaturesThatDidNotFit() {
    NeuralScorer scorer = trained(SETTINGS, 4);

    NeuralScore score = scorer.score(SyntheticWindows.scanning(new Random(3), LEVEL)).orElseThrow();

    double[] perFeature = score.featureErrors();
    assertThat(Arrays.stream(perFeature).average().orElseThrow())
        .isCloseTo(score.error(), org.assertj.core.data.Percentage.withPercentage(1e-6));
    int worst = 0;
    for (int i = 1; i < perFeature.length; i++) {
      worst = perFeature[i] > perFeature[worst] ? i : worst;
    }
    assertThat(worst).isIn(4, 6, 8); // connections out, failed connections, distinct ports
  }

  @Test
  void shouldFineTuneEveryRetrainWindowsOnceTrained() {
    NeuralScorer scorer = trained(SETTINGS, 5);
    Random random = new Random(5);
    boolean due = false;
    for (int i = 0; i < SETTINGS.retrainEvery() - 1; i++) {
      due |= scorer.learn(SyntheticWindows.normal(random, LEVEL));
    }
    assertThat(due).isFalse();
    assertThat(scorer.learn(SyntheticWindows.normal(random, LEVEL))).isTrue();

    scorer.trainNow();

    assertThat(scorer.trainings()).isEqualTo(2);
    assertThat(scorer.isTrainingDue()).isFalse();
  }

  @Test
  void shouldTakeTheThresholdOfItsFirstTrainingAloneWhenItStartedEmpty() {
    NeuralScorer scorer = new NeuralScorer(SETTINGS, SyntheticWindows.DIMENSION);
    SyntheticWindows.normals(8, LEVEL, SETTINGS.graceWindows()).forEach(scorer::learn);
    TrainingJob job = scorer.trainingJob().run();
    double fitted = new ErrorThreshold(SETTINGS.tailProbability(), SETTINGS.minLogErrorSd())
        .threshold(job.logErrors());

    scorer.install(job);

    assertThat(scorer.threshold().orElseThrow()).isEqualTo(fitted);
  }

  @Test
  void shouldTrainOnAnotherThreadAndInstallOnItsOwn() throws Exception {
    NeuralScorer scorer = new NeuralScorer(SETTINGS, SyntheticWindows.DIMENSION);
    SyntheticWindows.normals(6, LEVEL, SETTINGS.graceWindows()).forEach(scorer::learn);
    TrainingJob job = scorer.trainingJob();
    assertThatThrownBy(() -> scorer.install(job)).isInstanceOf(IllegalStateException.class);

    scorer.install(CompletableFuture.supplyAsync(job::run).get());

    assertThat(scorer.isReady()).isTrue();
    assertThat(scorer.trainings()).isEqualTo(1);
  }

  @Test
  void shouldRoundTripItsStateToIdenticalScoresAndTraining() {
    NeuralScorer original = trained(SETTINGS, 8);
    NeuralScorer restored = NeuralScorer.fromBytes(SETTINGS, original.toBytes());
    Random random = new Random(8);
    for (int i = 0; i < 50; i++) {
      double[] w = SyntheticWindows.normal(random, LEVEL);
      assertThat(restored.score(w)).isEqualTo(original.score(w));
      original.learn(w);
      restored.learn(w);
    }

    original.trainNow();
    restored.trainNow();

    double[] w = SyntheticWindows.exfiltrating(random, LEVEL);
    assertThat(restored.score(w)).isEqualTo(original.score(w));
    assertThat(restored.learnedWindows()).isEqualTo(original.learnedWindows());
    assertThat(restored.trainings()).isEqualTo(2);
  }

  @Test
  void shouldRoundTripAScorerStillInItsGracePeriod() {
    NeuralScorer scorer = new NeuralScorer(SETTINGS, SyntheticWindows.DIMENSION);
    SyntheticWindows.normals(9, LEVEL, 10).forEach(scorer::learn);

    NeuralScorer restored = NeuralScorer.fromBytes(SETTINGS, scorer.toBytes());

    assertThat(restored.isReady()).isFalse();
    assertThat(restored.learnedWindows()).isEqualTo(10);
    assertThat(restored.toBytes()).isEqualTo(scorer.toBytes());
  }

  @Test
  void shouldKeepTheNewestWindowsWhileItsBufferGrowsAndWraps() {
    NeuralSettings small = TestSettings.withBuffer(150); // grows 16, 32, 64, 128, 150, then wraps
    NeuralScorer growing = new NeuralScorer(small, SyntheticWindows.DIMENSION);
    NeuralScorer large = new NeuralScorer(SETTINGS, SyntheticWindows.DIMENSION);
    List<double[]> windows = SyntheticWindows.normals(11, LEVEL, 200);

    windows.forEach(growing::learn);
    windows.forEach(large::learn);

    // a smaller buffer-windows keeps the newest windows of a restored state, in order
    assertThat(growing.toBytes()).isEqualTo(NeuralScorer.fromBytes(small, large.toBytes()).toBytes());
    assertThat(NeuralScorer.fromBytes(small, growing.toBytes()).toBytes()).isEqualTo(growing.toBytes());
  }

  @Test
  void shouldRejectStateThatIsNotAScorers() {
    byte[] state = trained(SETTINGS, 10).toBytes();

    assertThatThrownBy(() -> NeuralScorer.fromBytes(SETTINGS, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a neural scorer");
    assertThatThrownBy(() -> NeuralScorer.fromBytes(SETTINGS, Arrays.copyOf(state, state.length / 2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
    assertThatThrownBy(() -> NeuralScorer.fromBytes(SETTINGS, Arrays.copyOf(state, state.length + 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trailing");
  }

  @Test
  void shouldRejectVectorsOfTheWrongDimensionOrWithNonFiniteValues() {
    NeuralScorer scorer = trained(SETTINGS, 11);
    double[] nan = SyntheticWindows.normal(new Random(1), LEVEL);
    nan[2] = Double.NaN;
    double[] infinite = SyntheticWindows.normal(new Random(1), LEVEL);
    infinite[0] = Double.POSITIVE_INFINITY;

    assertThatThrownBy(() -> scorer.score(new double[8]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("feature vector has 8 values where 9 were expected");
    assertThatThrownBy(() -> scorer.learn(new double[10]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10 values");
    assertThatThrownBy(() -> scorer.score(nan))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("feature 2 is NaN");
    assertThatThrownBy(() -> scorer.learn(infinite))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("feature 0 is Infinity");
    assertThatThrownBy(() -> scorer.score(null)).isInstanceOf(IllegalArgumentException.class);
    assertThat(scorer.learnedWindows()).isEqualTo(SETTINGS.graceWindows());
  }

  @Test
  void shouldWorkForAnyFixedDimension() {
    NeuralScorer scorer = new NeuralScorer(SETTINGS, 3);
    Random random = new Random(12);
    for (int i = 0; i < SETTINGS.graceWindows(); i++) {
      double x = 100 * Math.exp(0.3 * random.nextGaussian());
      scorer.learn(new double[] {x, 2 * x, 3 * x});
    }
    scorer.trainNow();

    assertThat(scorer.score(new double[] {100, 200, 300}).orElseThrow().isAnomalous()).isFalse();
    assertThat(scorer.score(new double[] {100, 20_000, 3}).orElseThrow().isAnomalous()).isTrue();
  }

  static NeuralScorer trained(NeuralSettings settings, long seed) {
    NeuralScorer scorer = new NeuralScorer(settings, SyntheticWindows.DIMENSION);
    for (double[] w : SyntheticWindows.normals(seed, LEVEL, settings.graceWindows())) {
      scorer.learn(w);
    }
    scorer.trainNow();
    return scorer;
  }

  private static int flagged(NeuralScorer scorer, double[] window) {
    return scorer.score(window).orElseThrow().isAnomalous() ? 1 : 0;
  }

  private static double[] errors(NeuralScorer scorer, List<double[]> windows) {
    return windows.stream().mapToDouble(w -> scorer.score(w).orElseThrow().error()).toArray();
  }

  private static double meanError(NeuralScorer scorer, List<double[]> windows) {
    return Arrays.stream(errors(scorer, windows)).average().orElseThrow();
  }

  private static double quantile(double[] values, double q) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  }
}
