package io.watchfloor.models.baseline;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Exponentially weighted mean and variance of {@code log(1 + value)} per feature, over the windows
 * one slice of a baseline has learnt (all windows, or one hour of the day or week). During warm-up
 * the weight is 1/n, a plain running mean; afterwards it is {@code alpha}.
 */
final class FeatureMoments {
  final double[] mean;
  final double[] var;
  long windows;

  FeatureMoments(int features) {
    this.mean = new double[features];
    this.var = new double[features];
  }

  void update(double[] values, double alpha) {
    windows++;
    double weight = Math.max(alpha, 1.0 / windows);
    for (int i = 0; i < mean.length; i++) {
      double x = Math.log1p(Math.max(0, values[i]));
      double diff = x - mean[i];
      mean[i] += weight * diff;
      var[i] = (1 - weight) * (var[i] + weight * diff * diff);
    }
  }

  void write(DataOutputStream out) throws IOException {
    out.writeLong(windows);
    out.writeInt(mean.length);
    for (int i = 0; i < mean.length; i++) {
      out.writeDouble(mean[i]);
      out.writeDouble(var[i]);
    }
  }

  /** Reads moments written by {@link #write}; features beyond this build's count are skipped. */
  static FeatureMoments read(DataInputStream in, int features) throws IOException {
    FeatureMoments m = new FeatureMoments(features);
    m.windows = in.readLong();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      double mean = in.readDouble();
      double var = in.readDouble();
      if (i < features) {
        m.mean[i] = mean;
        m.var[i] = var;
      }
    }
    return m;
  }
}
