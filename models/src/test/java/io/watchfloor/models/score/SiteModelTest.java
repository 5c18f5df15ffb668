package io.watchfloor.models.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SiteModelTest {

  private static final NeuralSettings SETTINGS = TestSettings.neural();
  private static SiteModel site;

  /** Ten hosts of different activity levels, 100 windows each. */
  @BeforeAll
  static void trainSite() {
    List<double[]> pooled = new ArrayList<>();
    for (int host = 0; host < 10; host++) {
      pooled.addAll(SyntheticWindows.normals(host, 50 * (host + 1), 100));
    }
    site = SiteModel.train(SETTINGS, pooled);
  }

  @Test
  void shouldLetANewHostScoreFromItsFirstWindow() {
    NeuralScorer scorer = NeuralScorer.fromSite(SETTINGS, site);
    Random random = new Random(20);

    assertThat(scorer.isReady()).isTrue();
    assertThat(scorer.trainings()).isZero();
    assertThat(scorer.score(SyntheticWindows.normal(random, 200)).orElseThrow().isAnomalous())
        .isFalse();
    assertThat(scorer.score(SyntheticWindows.scanning(random, 200)).orElseThrow().isAnomalous())
        .isTrue();
  }

  @Test
  void shouldAdaptAHostStartedFromTheSiteToItsOwnWindows() {
    NeuralScorer scorer = NeuralScorer.fromSite(SETTINGS, site);
    Random random = new Random(21);
    boolean due = false;
    for (int i = 0; i < SETTINGS.graceWindows(); i++) {
      due = scorer.learn(SyntheticWindows.normal(random, 200));
    }
    assertThat(due).isTrue();

    scorer.trainNow();

    assertThat(scorer.trainings()).isEqualTo(1);
    int falseAlarms = 0;
    for (int i = 0; i < 300; i++) {
      falseAlarms += scorer.score(SyntheticWindows.normal(random, 200)).orElseThrow().isAnomalous() ? 1 : 0;
    }
    assertThat(falseAlarms).isLessThanOrEqualTo(3);
    assertThat(scorer.score(SyntheticWindows.exfiltrating(random, 200)).orElseThrow().isAnomalous())
        .isTrue();
  }

  @Test
  void shouldRoundTripToIdenticalScores() {
    SiteModel restored = SiteModel.fromBytes(SETTINGS, site.toBytes());
    double[] w = SyntheticWindows.normal(new Random(22), 300);

    assertThat(restored.windows()).isEqualTo(1000);
    assertThat(NeuralScorer.fromSite(SETTINGS, restored).score(w))
        .isEqualTo(NeuralScorer.fromSite(SETTINGS, site).score(w));
    assertThatThrownBy(() -> SiteModel.fromBytes(SETTINGS, new byte[12]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a site model");
  }

  @Test
  void shouldRejectWindowsOfMixedDimensions() {
    List<double[]> windows = List.of(new double[9], new double[8]);

    assertThatThrownBy(() -> SiteModel.train(SETTINGS, windows))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8 values where 9");
    assertThatThrownBy(() -> SiteModel.train(SETTINGS, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * A host unlike the site's: a steady stream of distinct ports (the last feature) that the site's
   * hosts never had, so the site model reconstructs its windows poorly and its own model well.
   */
  private static double[] unlikeTheSite(Random random) {
    double[] w = SyntheticWindows.normal(random, 200);
    w[8] = 40 + random.nextInt(4);
    return w;
  }

  private static double thresholdOf(RunningMoments logErrors) {
    return new ErrorThreshold(SETTINGS.tailProbability(), SETTINGS.minLogErrorSd())
        .threshold(logErrors);
  }

  @Test
  void shouldKeepTheThresholdASiteStartedHostHadAtItsFirstOwnTrainingAndLetItFade() {
    NeuralScorer scorer = NeuralScorer.fromSite(SETTINGS, site);
    Random random = new Random(23);
    for (int i = 0; i < SETTINGS.graceWindows(); i++) {
      scorer.learn(unlikeTheSite(random));
    }
    double beforeTraining = scorer.threshold().orElseThrow();
    TrainingJob job = scorer.trainingJob().run();
    double ownFit = thresholdOf(job.logErrors());
    // The situation of the bench's two false alerts: the host's windows scored on the site model
    // raised its threshold, and the fit of its first own training alone would be far lower.
    assertThat(ownFit).isLessThan(beforeTraining / 4);

    scorer.install(job);

    double afterTraining = scorer.threshold().orElseThrow();
    assertThat(afterTraining).isGreaterThanOrEqualTo(beforeTraining / 2);
    for (int i = 0; i < SETTINGS.retrainEvery() - 10; i++) {
      scorer.learn(unlikeTheSite(random));
    }
    double later = scorer.threshold().orElseThrow();
    assertThat(later).isLessThan(afterTraining / 2).isGreaterThan(ownFit);
  }
}
