package io.watchfloor.models.score;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Running mean and variance of a few values, Welford-style, whose count stops growing at a memory
 * limit: below it every sample weighs the same, beyond it the moments forget at rate 1/memory (an
 * exponentially weighted mean and variance), so an old host still follows slow drift.
 */
final class RunningMoments {

  private final double[] mean;
  private final double[] variance;
  private double count;

  RunningMoments(int size) {
    mean = new double[size];
    variance = new double[size];
  }

  private RunningMoments(double[] mean, double[] variance, double count) {
    this.mean = mean;
    this.variance = variance;
    this.count = count;
  }

  void add(double[] x, int memory) {
    count = Math.min(count + 1, memory);
    for (int i = 0; i < mean.length; i++) {
      double delta = x[i] - mean[i];
      mean[i] += delta / count;
      variance[i] += (delta * (x[i] - mean[i]) - variance[i]) / count;
    }
  }

  int size() {
    return mean.length;
  }

  double count() {
    return count;
  }

  double mean(int i) {
    return mean[i];
  }

  double sd(int i) {
    return Math.sqrt(variance[i]);
  }

  /** A copy whose count is at most {@code maxCount}: its statistics weigh as that many samples. */
  RunningMoments copyWithCountAtMost(double maxCount) {
    return new RunningMoments(mean.clone(), variance.clone(), Math.min(count, maxCount));
  }

  /**
   * The moments of this sample and {@code other} taken together, each weighing as its count: the
   * pooled mean, and the pooled variance (which includes the spread between the two means).
   */
  RunningMoments pooledWith(RunningMoments other) {
    if (other.mean.length != mean.length) {
      throw new IllegalArgumentException(
          "moments of " + other.mean.length + " values cannot be pooled with " + mean.length);
    }
    double n = count + other.count;
    if (n == 0) {
      return copyWithCountAtMost(0);
    }
    double wOther = other.count / n;
    double[] m = new double[mean.length];
    double[] v = new double[mean.length];
    for (int i = 0; i < mean.length; i++) {
      double delta = other.mean[i] - mean[i];
      m[i] = mean[i] + wOther * delta;
      v[i] = (1 - wOther) * variance[i] + wOther * other.variance[i]
          + (1 - wOther) * wOther * delta * delta;
    }
    return new RunningMoments(m, v, n);
  }

  void write(DataOutput out) throws IOException {
    out.writeInt(mean.length);
    out.writeDouble(count);
    for (int i = 0; i < mean.length; i++) {
      out.writeDouble(mean[i]);
      out.writeDouble(variance[i]);
    }
  }

  static RunningMoments read(DataInput in, int expectedSize) throws IOException {
    int size = in.readInt();
    if (size != expectedSize) {
      throw new IllegalArgumentException(
          "moments of " + size + " values where " + expectedSize + " were expected");
    }
    double count = in.readDouble();
    double[] mean = new double[size];
    double[] variance = new double[size];
    for (int i = 0; i < size; i++) {
      mean[i] = in.readDouble();
      variance[i] = in.readDouble();
    }
    return new RunningMoments(mean, variance, count);
  }
}
