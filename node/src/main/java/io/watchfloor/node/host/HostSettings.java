package io.watchfloor.node.host;

import com.typesafe.config.Config;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code watchfloor.host}: how host entities keep their state.
 *
 * @param snapshotEveryWindows save the host's state to Cassandra after this many windows (and when
 *     it passivates)
 * @param recentAnomalies anomalies shown with a host's state
 * @param siteModel the site model new hosts start from
 * @param stateFrom learned state (host snapshots, the stored site model) saved before this instant is
 *     ignored: {@link Instant#EPOCH} with {@code restore-earlier-state = on}, else the node's start
 */
public record HostSettings(
    int snapshotEveryWindows,
    int recentAnomalies,
    Duration askTimeout,
    SiteModelSettings siteModel,
    Instant stateFrom) {

  /** Whether state saved at {@code savedAt} (null: unknown, i.e. old) is to be used. */
  public boolean usable(Instant savedAt) {
    return stateFrom.equals(Instant.EPOCH) || (savedAt != null && !savedAt.isBefore(stateFrom));
  }

  public HostSettings {
    if (snapshotEveryWindows < 1) {
      throw new IllegalArgumentException(
          "watchfloor.host.snapshot-every-windows must be at least 1, was " + snapshotEveryWindows);
    }
  }

  public static HostSettings create(Config root) {
    Config c = root.getConfig("watchfloor.host");
    return new HostSettings(
        c.getInt("snapshot-every-windows"), c.getInt("recent-anomalies"), c.getDuration("ask-timeout"),
        SiteModelSettings.create(root),
        c.getBoolean("restore-earlier-state") ? Instant.EPOCH : Instant.now());
  }
}
