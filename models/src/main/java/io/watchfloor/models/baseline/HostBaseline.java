package io.watchfloor.models.baseline;

import io.watchfloor.protocol.alert.FeatureDeviation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A host's usual traffic, with seasonality: per feature, an exponentially weighted mean and
 * variance of {@code log(1 + value)} over all the windows the host was seen in, and the same per
 * hour of the day and per hour of the week (in the configured time zone). The log scale makes a host
 * that doubles its traffic as unusual whether it moves kilobytes or gigabytes.
 *
 * <p>A window is judged against the most specific slice that has learnt {@code
 * seasonal-warmup-windows}: its hour of the week, else its hour of the day, else everything. So a
 * host that moves gigabytes every weekday at 11:00 is usual at 11:00, while the same transfer at
 * 03:00, where the host has learnt quiet nights, is far off its baseline. Hour slices are allocated
 * when first used: a host seen only in office hours carries only those.
 */
public final class HostBaseline implements BaselineView {
  private static final int FORMAT_VERSION = 2;
  private static final int HOURS_PER_DAY = 24;
  private static final int HOURS_PER_WEEK = 7 * 24;

  private final BaselineSettings settings;
  private final FeatureMoments overall;
  private final FeatureMoments[] hourOfDay = new FeatureMoments[HOURS_PER_DAY];
  private final FeatureMoments[] hourOfWeek = new FeatureMoments[HOURS_PER_WEEK];

  public HostBaseline(BaselineSettings settings) {
    this.settings = settings;
    this.overall = new FeatureMoments(HostFeature.count());
  }

  @Override
  public long windows() {
    return overall.windows;
  }

  @Override
  public boolean isWarm() {
    return overall.windows >= settings.warmupWindows();
  }

  // As a view itself, the baseline is its overall slice.

  @Override
  public String scope() {
    return "overall";
  }

  @Override
  public long windowsAtThisHour() {
    return overall.windows;
  }

  @Override
  public double typical(int i) {
    return overall().typical(i);
  }

  @Override
  public double spread(int i) {
    return overall().spread(i);
  }

  @Override
  public double zScore(int i, double value) {
    return overall().zScore(i, value);
  }

  @Override
  public List<FeatureDeviation> deviations(double[] values) {
    return overall().deviations(values);
  }

  /** Learns one window that started at {@code windowStartMillis}. */
  public void update(double[] values, long windowStartMillis) {
    overall.update(values, settings.alpha());
    ZonedDateTime t = localTime(windowStartMillis);
    int hod = t.getHour();
    int how = (t.getDayOfWeek().getValue() - 1) * HOURS_PER_DAY + hod;
    slice(hourOfDay, hod).update(values, settings.alpha());
    slice(hourOfWeek, how).update(values, settings.alpha());
  }

  /** The baseline that applies to a window starting at {@code windowStartMillis}. */
  public BaselineView at(long windowStartMillis) {
    ZonedDateTime t = localTime(windowStartMillis);
    int hod = t.getHour();
    int how = (t.getDayOfWeek().getValue() - 1) * HOURS_PER_DAY + hod;
    long atThisHour = hourOfDay[hod] == null ? 0 : hourOfDay[hod].windows;
    if (warm(hourOfWeek[how])) {
      return new View(hourOfWeek[how], "hour_of_week", atThisHour);
    }
    if (warm(hourOfDay[hod])) {
      return new View(hourOfDay[hod], "hour_of_day", atThisHour);
    }
    return new View(overall, "overall", atThisHour);
  }

  /** The baseline over all windows, whatever their time. */
  public BaselineView overall() {
    return new View(overall, "overall", overall.windows);
  }

  private boolean warm(FeatureMoments m) {
    return m != null && m.windows >= settings.seasonalWarmupWindows();
  }

  private ZonedDateTime localTime(long millis) {
    return Instant.ofEpochMilli(millis).atZone(settings.timeZone());
  }

  private FeatureMoments slice(FeatureMoments[] slices, int index) {
    FeatureMoments m = slices[index];
    if (m == null) {
      m = new FeatureMoments(HostFeature.count());
      slices[index] = m;
    }
    return m;
  }

  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(FORMAT_VERSION);
      overall.write(out);
      writeSlices(out, hourOfDay);
      writeSlices(out, hourOfWeek);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void writeSlices(DataOutputStream out, FeatureMoments[] slices) throws IOException {
    int used = 0;
    for (FeatureMoments m : slices) {
      used += m == null ? 0 : 1;
    }
    out.writeShort(used);
    for (int i = 0; i < slices.length; i++) {
      if (slices[i] != null) {
        out.writeShort(i);
        slices[i].write(out);
      }
    }
  }

  /**
   * Restores a baseline written by {@link #toBytes()} (or by the format-1 baseline without hour
   * slices); features a newer build no longer has are ignored, new ones start empty.
   */
  public static HostBaseline fromBytes(byte[] data, BaselineSettings settings) {
    HostBaseline b = new HostBaseline(settings);
    int features = HostFeature.count();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      int version = in.readInt();
      if (version != 1 && version != FORMAT_VERSION) {
        throw new IllegalArgumentException(
            "host baseline snapshot has format " + version + ", expected 1 or " + FORMAT_VERSION);
      }
      FeatureMoments all = FeatureMoments.read(in, features);
      copy(all, b.overall);
      if (version == FORMAT_VERSION) {
        readSlices(in, b.hourOfDay, features);
        readSlices(in, b.hourOfWeek, features);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("host baseline snapshot is truncated", e);
    }
    return b;
  }

  private static void readSlices(DataInputStream in, FeatureMoments[] slices, int features)
      throws IOException {
    int used = in.readShort();
    for (int k = 0; k < used; k++) {
      int index = in.readShort();
      if (index < 0 || index >= slices.length) {
        throw new IllegalArgumentException("host baseline snapshot has hour slice " + index);
      }
      slices[index] = FeatureMoments.read(in, features);
    }
  }

  private static void copy(FeatureMoments from, FeatureMoments to) {
    to.windows = from.windows;
    System.arraycopy(from.mean, 0, to.mean, 0, to.mean.length);
    System.arraycopy(from.var, 0, to.var, 0, to.var.length);
  }

  /** One slice of the baseline, read-only. */
  private final class View implements BaselineView {
    private final FeatureMoments m;
    private final String scope;
    private final long atThisHour;

    View(FeatureMoments m, String scope, long atThisHour) {
      this.m = m;
      this.scope = scope;
      this.atThisHour = atThisHour;
    }

    @Override
    public String scope() {
      return scope;
    }

    @Override
    public long windowsAtThisHour() {
      return atThisHour;
    }

    @Override
    public long windows() {
      return overall.windows;
    }

    @Override
    public boolean isWarm() {
      return HostBaseline.this.isWarm();
    }

    @Override
    public double typical(int i) {
      return Math.expm1(m.mean[i]);
    }

    @Override
    public double spread(int i) {
      return Math.expm1(m.mean[i] + sd(i)) - Math.expm1(m.mean[i]);
    }

    @Override
    public double zScore(int i, double value) {
      return (Math.log1p(Math.max(0, value)) - m.mean[i]) / sd(i);
    }

    private double sd(int i) {
      return Math.max(Math.sqrt(m.var[i]), settings.minSd());
    }

    @Override
    public List<FeatureDeviation> deviations(double[] values) {
      List<FeatureDeviation> out = new ArrayList<>(values.length);
      for (int i = 0; i < values.length; i++) {
        out.add(
            new FeatureDeviation(
                HostFeature.at(i).id(),
                values[i],
                typical(i),
                spread(i),
                m.windows == 0 ? 0 : zScore(i, values[i])));
      }
      out.sort(Comparator.comparingDouble(FeatureDeviation::zScore).reversed());
      return out;
    }
  }
}
