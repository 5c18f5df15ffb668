package io.watchfloor.models.detect;

import com.typesafe.config.Config;
import io.watchfloor.models.baseline.BaselineView;
import io.watchfloor.models.baseline.HostFeature;
import io.watchfloor.protocol.alert.Severity;
import io.watchfloor.protocol.host.HostWindow;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A large transfer outside working hours by a host that does not usually move that much at that
 * hour: in one off-hours window, at least {@code minBytes} in one direction and at least {@code
 * baselineFactor} times the host's usual volume for that hour — its hour-of-week or hour-of-day
 * baseline once those have learnt enough, and nothing at all if the host was never active at that
 * hour. Only hosts with {@code minHistoryWindows} of history are judged (a host first seen at 03:00
 * has no "usual" to depart from). A nightly backup that runs every night becomes usual at its hour.
 */
public final class OffHoursDetector implements HostDetector {
  public static final String ID = "off_hours";
  private static final String KEY = "watchfloor.models.detectors.off-hours";
  private static final int BYTES_IN = HostFeature.BYTES_IN.ordinal();
  private static final int BYTES_OUT = HostFeature.BYTES_OUT.ordinal();
  private static final double HIGH_SEVERITY_SCORE = 10;

  private final WorkingHours workingHours;
  private final long minBytes;
  private final double baselineFactor;
  private final long minHistoryWindows;
  private final long realertAfterMillis;
  private long lastAlertMillis = Long.MIN_VALUE;

  public OffHoursDetector(
      WorkingHours workingHours,
      long minBytes,
      double baselineFactor,
      long minHistoryWindows,
      Duration realertAfter) {
    require(minBytes >= 1, "min-bytes must be positive, was " + minBytes);
    require(baselineFactor > 1, "baseline-factor must be above 1, was " + baselineFactor);
    require(minHistoryWindows >= 1, "min-history-windows must be positive, was " + minHistoryWindows);
    require(!realertAfter.isNegative(), "realert-after must not be negative, was " + realertAfter);
    this.workingHours = workingHours;
    this.minBytes = minBytes;
    this.baselineFactor = baselineFactor;
    this.minHistoryWindows = minHistoryWindows;
    this.realertAfterMillis = realertAfter.toMillis();
  }

  /**
   * @param block {@code watchfloor.models.detectors.off-hours}
   * @param zone the baseline's time zone, which working hours follow too
   */
  public static HostDetector fromConfig(Config block, ZoneId zone) {
    return new OffHoursDetector(
        WorkingHours.parse(block.getString("working-hours"), block.getStringList("working-days"),
            zone, KEY),
        block.getBytes("min-bytes"),
        block.getDouble("baseline-factor"),
        block.getLong("min-history-windows"),
        block.getDuration("realert-after"));
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Optional<Finding> inspect(HostWindow window, BaselineView baseline, double[] values) {
    long start = window.windowStartMillis();
    if (!workingHours.isOffHours(start) || baseline.windows() < minHistoryWindows) {
      return Optional.empty();
    }
    if (lastAlertMillis != Long.MIN_VALUE && start - lastAlertMillis < realertAfterMillis) {
      return Optional.empty();
    }
    boolean out = window.bytesOut() >= window.bytesIn();
    long bytes = out ? window.bytesOut() : window.bytesIn();
    double usual = baseline.windowsAtThisHour() == 0 ? 0 : baseline.typical(out ? BYTES_OUT : BYTES_IN);
    if (bytes < minBytes || bytes < baselineFactor * usual) {
      return Optional.empty();
    }
    lastAlertMillis = start;
    double score = (double) bytes / Math.max(minBytes, baselineFactor * usual);
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("local_time", workingHours.describe(start));
    evidence.put("direction", out ? "out" : "in");
    evidence.put("bytes", Long.toString(bytes));
    evidence.put("usual_bytes_at_this_hour", String.format(Locale.ROOT, "%.0f", usual));
    evidence.put("windows_at_this_hour", Long.toString(baseline.windowsAtThisHour()));
    evidence.put("baseline_scope", baseline.scope());
    String summary = String.format(Locale.ROOT,
        "%s moved %.1f MB %s at %s, outside working hours; usual at this hour: %.1f MB",
        window.host(), bytes / 1e6, out ? "out" : "in", workingHours.describe(start), usual / 1e6);
    Severity severity = score >= HIGH_SEVERITY_SCORE ? Severity.HIGH : Severity.MEDIUM;
    return Optional.of(new Finding(ID, "exfiltration", severity, score, null, null, null, summary,
        evidence));
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(KEY + "." + message);
    }
  }
}
