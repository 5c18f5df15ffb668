package io.watchfloor.node.host;

import com.typesafe.config.Config;
import io.watchfloor.models.SettingRanges;
import java.time.Duration;

/**
 * {@code watchfloor.host.site-model}: when a node pools its hosts' normal windows into a site-wide
 * autoencoder that new hosts start from.
 *
 * @param sampleEveryWindows a host offers one of every this many of its windows (the one is kept
 *     only when no detector flagged it)
 * @param minWindows pooled windows needed before the first training
 * @param minHosts distinct hosts among them
 * @param maxWindowsPerHost windows of one host the pool holds at most, so one busy host does not
 *     make the site look like itself
 * @param poolSize windows the pool holds (a uniform sample of those offered since the last training)
 * @param retrainEvery time after which a newer model is trained from the windows pooled since
 * @param askTimeout how long a new host waits for the model before starting without it
 */
public record SiteModelSettings(
    boolean enabled,
    int sampleEveryWindows,
    int minWindows,
    int minHosts,
    int maxWindowsPerHost,
    int poolSize,
    Duration retrainEvery,
    Duration askTimeout) {

  /** Dispatcher of the blocking DL4J training, configured under this path. */
  public static final String DISPATCHER = "watchfloor.host.site-model.dispatcher";
  private static final String PREFIX = "watchfloor.host.site-model.";
  private static final SettingRanges CHECK = new SettingRanges(PREFIX);

  public SiteModelSettings {
    CHECK.atLeast("sample-every-windows", sampleEveryWindows, 1);
    CHECK.atLeast("min-windows", minWindows, 1);
    CHECK.atLeast("min-hosts", minHosts, 1);
    CHECK.atLeast("max-windows-per-host", maxWindowsPerHost, 1);
    CHECK.atLeast("pool-size", poolSize, minWindows);
    if (retrainEvery.isNegative() || askTimeout.isNegative() || askTimeout.isZero()) {
      throw new IllegalArgumentException(
          PREFIX + "retrain-every must not be negative and ask-timeout must be positive");
    }
  }

  public static SiteModelSettings create(Config root) {
    Config c = root.getConfig("watchfloor.host.site-model");
    return new SiteModelSettings(
        c.getBoolean("enabled"),
        c.getInt("sample-every-windows"),
        c.getInt("min-windows"),
        c.getInt("min-hosts"),
        c.getInt("max-windows-per-host"),
        c.getInt("pool-size"),
        c.getDuration("retrain-every"),
        c.getDuration("ask-timeout"));
  }
}
