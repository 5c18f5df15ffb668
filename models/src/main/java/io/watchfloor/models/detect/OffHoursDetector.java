package io.watchfloor.models.detect;

import com.typesafe.config.Config;
import io.watchfloor.models.baseline.BaselineView;
import io.watchfloor.models.baseline.HostFeature;
import io.watchfloor.protocol.alert.Severity;
import io.watchfloor.protocol.host.HostWindow;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A large transfer outside working hours by a host that does not usually move that much at that
 * hour: at least {@code minBytes} in one direction and at least {@code baselineFactor} times the
 * host's usual volume for that hour — its hour-of-week or hour-of-day baseline once those have
 * learnt enough, and nothing at all if the host was never active at that hour — either in one
 * off-hours window (a burst) or summed over the off-hours windows of the last {@code
 * accumulateOver} (a low-and-slow transfer kept under the per-window floor; the usual is then that
 * many windows' worth). Only hosts with {@code minHistoryWindows} of history are judged (a host
 * first seen at 03:00 has no "usual" to depart from). A nightly backup that runs every night
 * becomes usual at its hour.
 *
 * <p>The running sums live in {@value #SLOTS} time slots of {@code accumulateOver / }{@value #SLOTS}
 * each (bounded state whatever the window length); a working-hours window, an alert or a gap longer
 * than {@code accumulateOver} empties them.
 */
public final class OffHoursDetector implements HostDetector {
  public static final String ID = "off_hours";
  private static final String KEY = "watchfloor.models.detectors.off-hours";
  private static final int BYTES_IN = HostFeature.BYTES_IN.ordinal();
  private static final int BYTES_OUT = HostFeature.BYTES_OUT.ordinal();
  private static final double HIGH_SEVERITY_SCORE = 10;
  static final int SLOTS = 60;

  private final WorkingHours workingHours;
  private final long minBytes;
  private final double baselineFactor;
  private final long minHistoryWindows;
  private final long realertAfterMillis;
  private final long slotMillis;
  private final long[] slotIndex = new long[SLOTS];
  private final long[] slotBytesOut = new long[SLOTS];
  private final long[] slotBytesIn = new long[SLOTS];
  private final int[] slotWindows = new int[SLOTS];
  private long lastAlertMillis = Long.MIN_VALUE;

  public OffHoursDetector(
      WorkingHours workingHours,
      long minBytes,
      double baselineFactor,
      long minHistoryWindows,
      Duration realertAfter) {
    this(workingHours, minBytes, baselineFactor, minHistoryWindows, realertAfter, Duration.ZERO);
  }

  /**
   * @param accumulateOver span over which off-hours windows add up (zero: each window on its own)
   */
  public OffHoursDetector(
      WorkingHours workingHours,
      long minBytes,
      double baselineFactor,
      long minHistoryWindows,
      Duration realertAfter,
      Duration accumulateOver) {
    require(minBytes >= 1, "min-bytes must be positive, was " + minBytes);
    require(!accumulateOver.isNegative() && (accumulateOver.isZero() || accumulateOver.toMillis() >= SLOTS),
        "accumulate-over must be zero or at least " + SLOTS + "ms, was " + accumulateOver);
    require(baselineFactor > 1, "baseline-factor must be above 1, was " + baselineFactor);
    require(minHistoryWindows >= 1, "min-history-windows must be positive, was " + minHistoryWindows);
    require(!realertAfter.isNegative(), "realert-after must not be negative, was " + realertAfter);
    this.workingHours = workingHours;
    this.minBytes = minBytes;
    this.baselineFactor = baselineFactor;
    this.minHistoryWindows = minHistoryWindows;
    this.realertAfterMillis = realertAfter.toMillis();
    this.slotMillis = accumulateOver.toMillis() / SLOTS;
    clearSums();
  }

  /** A detector with the thresholds of {@code block}; see {@link #factory}. */
  public static HostDetector fromConfig(Config block, ZoneId zone) {
    return factory(block, zone).get();
  }

  /**
   * Reads the thresholds of {@code block} once; every {@code get()} is a new detector
   * with them (each host keeps its own history).
   */
  public static Supplier<HostDetector> factory(Config block, ZoneId zone) {
    var hours = WorkingHours.parse(block.getString("working-hours"), block.getStringList("working-days"),
            zone, KEY);
    var minBytes = block.getBytes("min-bytes");
    var baselineFactor = block.getDouble("baseline-factor");
    var minHistoryWindows = block.getLong("min-history-windows");
    var realertAfter = block.getDuration("realert-after");
    var accumulateOver = block.getDuration("accumulate-over");
    return () -> new OffHoursDetector(
        hours, minBytes, baselineFactor, minHistoryWindows, realertAfter, accumulateOver);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Optional<Finding> inspect(HostWindow window, BaselineView baseline, double[] values) {
    long start = window.windowStartMillis();
    if (!workingHours.isOffHours(start)) {
      clearSums();
      return Optional.empty();
    }
    int accumulated = accumulate(window);
    if (baseline.windows() < minHistoryWindows) {
      return Optional.empty();
    }
    if (lastAlertMillis != Long.MIN_VALUE && start - lastAlertMillis < realertAfterMillis) {
      return Optional.empty();
    }
    double usualOut = baseline.windowsAtThisHour() == 0 ? 0 : baseline.typical(BYTES_OUT);
    double usualIn = baseline.windowsAtThisHour() == 0 ? 0 : baseline.typical(BYTES_IN);
    boolean out = window.bytesOut() >= window.bytesIn();
    long bytes = out ? window.bytesOut() : window.bytesIn();
    double usual = out ? usualOut : usualIn;
    int windows = 1;
    if (!passes(bytes, usual)) {
      long sumOut = sum(slotBytesOut);
      long sumIn = sum(slotBytesIn);
      out = sumOut >= sumIn;
      bytes = out ? sumOut : sumIn;
      usual = accumulated * (out ? usualOut : usualIn);
      windows = accumulated;
      if (accumulated < 2 || !passes(bytes, usual)) {
        return Optional.empty();
      }
    }
    lastAlertMillis = start;
    clearSums();
    double score = (double) bytes / Math.max(minBytes, baselineFactor * usual);
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("local_time", workingHours.describe(start));
    evidence.put("direction", out ? "out" : "in");
    evidence.put("bytes", Long.toString(bytes));
    evidence.put("windows", Integer.toString(windows));
    evidence.put("usual_bytes_at_this_hour", String.format(Locale.ROOT, "%.0f", usual));
    evidence.put("windows_at_this_hour", Long.toString(baseline.windowsAtThisHour()));
    evidence.put("baseline_scope", baseline.scope());
    String summary = String.format(Locale.ROOT,
        "%s moved %.1f MB %s %s at %s, outside working hours; usual at this hour: %.1f MB",
        window.host(), bytes / 1e6, out ? "out" : "in",
        windows == 1 ? "in one window" : "over " + windows + " windows", workingHours.describe(start),
        usual / 1e6);
    Severity severity = score >= HIGH_SEVERITY_SCORE ? Severity.HIGH : Severity.MEDIUM;
    return Optional.of(new Finding(ID, "exfiltration", severity, score, null, null, null, summary,
        evidence));
  }

  private boolean passes(long bytes, double usual) {
    return bytes >= minBytes && bytes >= baselineFactor * usual;
  }

  /** Adds the window to its slot, forgets slots older than the span; returns the windows summed. */
  private int accumulate(HostWindow window) {
    if (slotMillis == 0) {
      return 1;
    }
    long index = Math.floorDiv(window.windowStartMillis(), slotMillis);
    int windows = 0;
    for (int i = 0; i < SLOTS; i++) {
      if (slotIndex[i] <= index - SLOTS || slotIndex[i] > index) {
        slotIndex[i] = Long.MIN_VALUE;
        slotBytesOut[i] = 0;
        slotBytesIn[i] = 0;
        slotWindows[i] = 0;
      }
    }
    int slot = (int) Math.floorMod(index, SLOTS);
    slotIndex[slot] = index;
    slotBytesOut[slot] += window.bytesOut();
    slotBytesIn[slot] += window.bytesIn();
    slotWindows[slot]++;
    for (int w : slotWindows) {
      windows += w;
    }
    return windows;
  }

  private void clearSums() {
    Arrays.fill(slotIndex, Long.MIN_VALUE);
    Arrays.fill(slotBytesOut, 0);
    Arrays.fill(slotBytesIn, 0);
    Arrays.fill(slotWindows, 0);
  }

  private static long sum(long[] values) {
    long s = 0;
    for (long v : values) {
      s += v;
    }
    return s;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(KEY + "." + message);
    }
  }
}
