package io.watchfloor.models.baseline;

import com.typesafe.config.Config;
import io.watchfloor.models.SettingRanges;
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

  private static final SettingRanges CHECK = new SettingRanges("watchfloor.models.baseline.");

  public BaselineSettings {
    CHECK.atLeast("warmup-windows", warmupWindows, 1);
    CHECK.between("alpha", alpha, 0, 1);
    CHECK.positive("min-sd", minSd);
    CHECK.atLeast("seasonal-warmup-windows", seasonalWarmupWindows, 1);
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
