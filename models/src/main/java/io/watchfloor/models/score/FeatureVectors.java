package io.watchfloor.models.score;

/** The one check every scorer makes on its input, with an error that says what was wrong. */
final class FeatureVectors {

  private FeatureVectors() {}

  static void requireValid(double[] vector, int dimension) {
    if (vector == null) {
      throw new IllegalArgumentException("feature vector is null");
    }
    if (vector.length != dimension) {
      throw new IllegalArgumentException("feature vector has " + vector.length
          + " values where " + dimension + " were expected");
    }
    for (int i = 0; i < vector.length; i++) {
      if (!Double.isFinite(vector[i])) {
        throw new IllegalArgumentException(
            "feature " + i + " is " + vector[i] + "; every feature must be a finite number");
      }
    }
  }
}
