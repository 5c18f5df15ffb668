package io.watchfloor.models.baseline;

import com.typesafe.config.Config;

/**
 * {@code watchfloor.models.baseline}: how fast a host's baseline learns and when it is trusted.
 *
 * @param warmupWindows windows a host must have before its baseline can flag anything
 * @param alpha EWMA weight of a new window once warm (smaller = longer memory)
 * @param minSd floor of the standard deviation on the log scale, so a perfectly regular host is
 *     not flagged for a tiny change
 */
public record BaselineSettings(int warmupWindows, double alpha, double minSd) {

  public BaselineSettings {
    if (warmupWindows < 1) {
      throw new IllegalArgumentException(
          "watchfloor.models.baseline.warmup-windows must be at least 1, was " + warmupWindows);
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException(
          "watchfloor.models.baseline.alpha must be in (0, 1), was " + alpha);
    }
    if (!(minSd > 0)) {
      throw new IllegalArgumentException(
          "watchfloor.models.baseline.min-sd must be positive, was " + minSd);
    }
  }

  public static BaselineSettings create(Config models) {
    Config c = models.getConfig("baseline");
    return new BaselineSettings(c.getInt("warmup-windows"), c.getDouble("alpha"), c.getDouble("min-sd"));
  }
}
