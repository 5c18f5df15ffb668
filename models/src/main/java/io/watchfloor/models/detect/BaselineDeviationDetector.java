package io.watchfloor.models.detect;

import io.watchfloor.models.baseline.BaselineView;
import io.watchfloor.models.baseline.HostFeature;
import io.watchfloor.protocol.alert.Severity;
import io.watchfloor.protocol.host.HostWindow;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A window far above the host's own baseline: at least one feature more than {@code zThreshold}
 * log-scale standard deviations above the usual and more than the feature's absolute floor above it.
 * Only a warm baseline can flag. The baseline is the one for the window's hour (see {@code
 * HostBaseline#at}), so a transfer usual at 11:00 is not usual at 03:00.
 */
public final class BaselineDeviationDetector implements HostDetector {
  public static final String ID = "baseline_deviation";
  private static final double HIGH_SEVERITY_Z = 10;

  private final double zThreshold;

  public BaselineDeviationDetector(double zThreshold) {
    if (!(zThreshold > 0)) {
      throw new IllegalArgumentException(
          "watchfloor.models.detectors.baseline-deviation.z-threshold must be positive, was " + zThreshold);
    }
    this.zThreshold = zThreshold;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Optional<Finding> inspect(HostWindow window, BaselineView baseline, double[] values) {
    if (!baseline.isWarm()) {
      return Optional.empty();
    }
    int worst = -1;
    double worstZ = 0;
    for (int i = 0; i < values.length; i++) {
      if (!HostFeature.at(i).flaggable()) {
        continue;
      }
      double z = baseline.zScore(i, values[i]);
      boolean material = values[i] - baseline.typical(i) >= HostFeature.at(i).minExcess();
      if (z >= zThreshold && material && z > worstZ) {
        worst = i;
        worstZ = z;
      }
    }
    if (worst < 0) {
      return Optional.empty();
    }
    HostFeature f = HostFeature.at(worst);
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("feature", f.id());
    evidence.put("observed", String.format("%.0f", values[worst]));
    evidence.put("usual", String.format("%.0f", baseline.typical(worst)));
    evidence.put("baseline_windows", Long.toString(baseline.windows()));
    evidence.put("baseline_scope", baseline.scope());
    String summary =
        String.format(
            "%s: %s was %.0f where it usually is %.0f %s (%.1f sd above its baseline of %d windows)",
            window.host(), f.id(), values[worst], baseline.typical(worst), scopeText(baseline.scope()),
            worstZ, baseline.windows());
    Severity severity = worstZ >= HIGH_SEVERITY_Z ? Severity.HIGH : Severity.MEDIUM;
    return Optional.of(
        new Finding(ID, "anomaly", severity, worstZ / zThreshold, null, null, null, summary, evidence));
  }

  static String scopeText(String scope) {
    return switch (scope) {
      case "hour_of_week" -> "at this hour of the week";
      case "hour_of_day" -> "at this hour of the day";
      default -> "";
    };
  }
}
