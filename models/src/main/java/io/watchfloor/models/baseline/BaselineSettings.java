package io.watchfloor.models.baseline;

import com.typesafe.config.Config;
import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * {@code watchfloor.models.baseline}: how fast a host's baseline learns and when it is trusted.
 *
 * @param warmupWindows windows a host must have before its baseline can flag anything
 * @param alpha EWMA weight of a new window once warm (smaller = longer memory)
 * @param minSd floor of the standard deviation on the log scale, so a perfectly regular host is
 *     not flagged for a tiny change
 * @param seasonalWarmupWindows windows an hour-of-day or hour-of-week slice must have learnt
 *     before windows in that hour are judged against it instead of the overall baseline
 * @param timeZone the zone whose hours and weekdays the seasonal slices follow
 */
public record BaselineSettings(
    int warmupWindows, double alpha, double minSd, int seasonalWarmupWindows, ZoneId timeZone) {

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
    if (seasonalWarmupWindows < 1) {
      throw new IllegalArgumentException(
          "watchfloor.models.baseline.seasonal-warmup-windows must be at least 1, was "
              + seasonalWarmupWindows);
    }
    if (timeZone == null) {
      throw new IllegalArgumentException("watchfloor.models.baseline.time-zone is required");
    }
  }

  /** Settings with seasonal slices in UTC after 30 windows (tests and tools). */
  public BaselineSettings(int warmupWindows, double alpha, double minSd) {
    this(warmupWindows, alpha, minSd, 30, ZoneId.of("UTC"));
  }

  public static BaselineSettings create(Config models) {
    Config c = models.getConfig("baseline");
    return new BaselineSettings(
        c.getInt("warmup-windows"),
        c.getDouble("alpha"),
        c.getDouble("min-sd"),
        c.getInt("seasonal-warmup-windows"),
        zone(c.getString("time-zone")));
  }

  private static ZoneId zone(String id) {
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "watchfloor.models.baseline.time-zone: unknown time zone '" + id
              + "' (use a region id such as Europe/Berlin, or UTC)", e);
    }
  }
}
