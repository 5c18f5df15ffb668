package io.watchfloor.models.baseline;

import io.watchfloor.protocol.alert.FeatureDeviation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A host's usual traffic: per feature, an exponentially weighted mean and variance of
 * {@code log(1 + value)} over the windows it has been seen in. The log scale makes a host that
 * doubles its traffic as unusual whether it moves kilobytes or gigabytes.
 *
 * <p>During warm-up the weight is 1/n (a plain running mean) so the first windows count fully;
 * afterwards it is {@code alpha}.
 */
public final class HostBaseline {
  private static final int FORMAT_VERSION = 1;

  private final BaselineSettings settings;
  private final double[] mean;
  private final double[] var;
  private long windows;

  public HostBaseline(BaselineSettings settings) {
    this.settings = settings;
    this.mean = new double[HostFeature.count()];
    this.var = new double[HostFeature.count()];
  }

  public long windows() {
    return windows;
  }

  public boolean isWarm() {
    return windows >= settings.warmupWindows();
  }

  /** Learns one window. */
  public void update(double[] values) {
    windows++;
    double weight = Math.max(settings.alpha(), 1.0 / windows);
    for (int i = 0; i < mean.length; i++) {
      double x = Math.log1p(Math.max(0, values[i]));
      double diff = x - mean[i];
      mean[i] += weight * diff;
      var[i] = (1 - weight) * (var[i] + weight * diff * diff);
    }
  }

  /** The usual value of feature i, on the original scale. */
  public double typical(int i) {
    return Math.expm1(mean[i]);
  }

  /** The spread of feature i, on the original scale (one sd above the typical value, minus it). */
  public double spread(int i) {
    return Math.expm1(mean[i] + sd(i)) - Math.expm1(mean[i]);
  }

  /** How far value is above the usual, in log-scale standard deviations. */
  public double zScore(int i, double value) {
    return (Math.log1p(Math.max(0, value)) - mean[i]) / sd(i);
  }

  private double sd(int i) {
    return Math.max(Math.sqrt(var[i]), settings.minSd());
  }

  /** Every feature of the window against the baseline, most unusual first. */
  public List<FeatureDeviation> deviations(double[] values) {
    List<FeatureDeviation> out = new ArrayList<>(values.length);
    for (int i = 0; i < values.length; i++) {
      out.add(
          new FeatureDeviation(
              HostFeature.at(i).id(), values[i], typical(i), spread(i), windows == 0 ? 0 : zScore(i, values[i])));
    }
    out.sort(Comparator.comparingDouble(FeatureDeviation::zScore).reversed());
    return out;
  }

  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + 16 * mean.length);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(FORMAT_VERSION);
      out.writeLong(windows);
      out.writeInt(mean.length);
      for (int i = 0; i < mean.length; i++) {
        out.writeDouble(mean[i]);
        out.writeDouble(var[i]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Restores a baseline written by {@link #toBytes()}; unknown trailing features are ignored. */
  public static HostBaseline fromBytes(byte[] data, BaselineSettings settings) {
    HostBaseline b = new HostBaseline(settings);
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      int version = in.readInt();
      if (version != FORMAT_VERSION) {
        throw new IllegalArgumentException(
            "host baseline snapshot has format " + version + ", expected " + FORMAT_VERSION);
      }
      b.windows = in.readLong();
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        double m = in.readDouble();
        double v = in.readDouble();
        if (i < b.mean.length) {
          b.mean[i] = m;
          b.var[i] = v;
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("host baseline snapshot is truncated", e);
    }
    return b;
  }
}
