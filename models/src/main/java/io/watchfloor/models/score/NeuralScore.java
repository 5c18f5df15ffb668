package io.watchfloor.models.score;

import java.util.Arrays;

/**
 * One window's score by a {@link NeuralScorer}.
 *
 * @param error mean squared reconstruction error of the normalised window
 * @param threshold the host's current threshold: errors above it are anomalous
 * @param featureErrors each feature's squared reconstruction error (they average to {@code
 *     error}), so an anomaly can say which features did not look like the host
 */
public record NeuralScore(double error, double threshold, double[] featureErrors) {

  public NeuralScore {
    featureErrors = featureErrors.clone();
  }

  @Override
  public double[] featureErrors() {
    return featureErrors.clone();
  }

  public boolean isAnomalous() {
    return error > threshold;
  }

  /** How far above (more than 1) or below the threshold the error is. */
  public double ratio() {
    return error / threshold;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NeuralScore s
        && Double.compare(error, s.error) == 0
        && Double.compare(threshold, s.threshold) == 0
        && Arrays.equals(featureErrors, s.featureErrors);
  }

  @Override
  public int hashCode() {
    return (31 * Double.hashCode(error) + Double.hashCode(threshold)) * 31
        + Arrays.hashCode(featureErrors);
  }

  @Override
  public String toString() {
    return "NeuralScore[error=" + error + ", threshold=" + threshold + ", featureErrors="
        + Arrays.toString(featureErrors) + "]";
  }
}
