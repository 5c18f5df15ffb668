package io.watchfloor.models.score;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Maps raw feature values (heavy-tailed counts, rates, one-hot flags) to the autoencoder's input:
 * signed log1p, which tames counts spanning orders of magnitude, then standardisation with the
 * running mean and standard deviation of the windows learned so far (floored, so a feature that never
 * moved does not divide by zero and its first move stands out).
 */
final class FeatureNormalizer {

  private final RunningMoments moments;
  private final double minSd;

  FeatureNormalizer(int dimension, double minSd) {
    this(new RunningMoments(dimension), minSd);
  }

  private FeatureNormalizer(RunningMoments moments, double minSd) {
    this.moments = moments;
    this.minSd = minSd;
  }

  static double squash(double x) {
    return x >= 0 ? Math.log1p(x) : -Math.log1p(-x);
  }

  int dimension() {
    return moments.size();
  }

  double count() {
    return moments.count();
  }

  /** Learns one raw vector into the running statistics. */
  void update(double[] raw, int memory, double[] scratch) {
    for (int i = 0; i < raw.length; i++) {
      scratch[i] = squash(raw[i]);
    }
    moments.add(scratch, memory);
  }

  /** Writes the normalised form of {@code raw} into {@code out}. */
  void normalize(double[] raw, double[] out) {
    for (int i = 0; i < raw.length; i++) {
      out[i] = (squash(raw[i]) - moments.mean(i)) / Math.max(moments.sd(i), minSd);
    }
  }

  FeatureNormalizer copyWithCountAtMost(double maxCount, double newMinSd) {
    return new FeatureNormalizer(moments.copyWithCountAtMost(maxCount), newMinSd);
  }

  void write(DataOutput out) throws IOException {
    moments.write(out);
  }

  static FeatureNormalizer read(DataInput in, int dimension, double minSd) throws IOException {
    return new FeatureNormalizer(RunningMoments.read(in, dimension), minSd);
  }
}
