package io.watchfloor.models.window;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How capture cuts traffic into per-host windows ({@code watchfloor.models.window} in
 * reference.conf).
 *
 * @param windowMillis window length
 * @param maxHostsPerWindow distinct addresses one segment tracks per window; beyond it packets are
 *     counted as overflow, not attributed
 * @param maxTrackedHosts distinct addresses counted per capture for the host total
 */
public record WindowSettings(long windowMillis, int maxHostsPerWindow, int maxTrackedHosts) {

  public WindowSettings {
    if (windowMillis < 100) {
      throw new IllegalArgumentException(
          "watchfloor.models.window.length must be at least 100ms, was " + windowMillis + "ms");
    }
    if (maxHostsPerWindow < 2 || maxHostsPerWindow > HostWindowAggregator.MAX_HOSTS_PER_WINDOW) {
      throw new IllegalArgumentException(
          "watchfloor.models.window.max-hosts must be between 2 and "
              + HostWindowAggregator.MAX_HOSTS_PER_WINDOW
              + ", was "
              + maxHostsPerWindow);
    }
  }

  public static WindowSettings create(Config models) {
    Config c = models.getConfig("window");
    Duration length = c.getDuration("length");
    return new WindowSettings(
        length.toMillis(), c.getInt("max-hosts"), c.getInt("max-tracked-hosts"));
  }
}
