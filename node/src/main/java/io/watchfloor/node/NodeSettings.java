package io.watchfloor.node;

import com.typesafe.config.Config;
import io.watchfloor.models.ModelSettings;
import io.watchfloor.node.alert.AlertSettings;
import io.watchfloor.node.alert.AlertingSettings;
import io.watchfloor.node.capture.CaptureSettings;
import io.watchfloor.node.cluster.ClusterSettings;
import io.watchfloor.node.host.HostSettings;
import io.watchfloor.node.store.StoreSettings;
import java.time.Duration;

/** Every typed setting of a node, read once from the configuration at start-up. */
public record NodeSettings(
    String site,
    boolean httpEnabled,
    String httpInterface,
    int httpPort,
    CaptureSettings capture,
    HostSettings host,
    AlertSettings alerts,
    AlertingSettings alerting,
    StoreSettings store,
    EmbeddedCassandraSettings embedded,
    ModelSettings models,
    ClusterSettings cluster) {

  /** {@code watchfloor.store.embedded}. */
  public record EmbeddedCassandraSettings(
      String workDir, int nativePort, int storagePort, String heap, Duration startTimeout, boolean keepRunning) {}

  public static NodeSettings create(Config config) {
    try {
      Config wf = config.getConfig("watchfloor");
      String site = wf.getString("site");
      if (!site.matches("[A-Za-z0-9._-]{1,64}")) {
        throw new IllegalArgumentException(
            "watchfloor.site must be 1-64 letters, digits, '.', '_' or '-', was '" + site + "'");
      }
      int port = wf.getInt("http.port");
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("watchfloor.http.port must be 0-65535, was " + port);
      }
      Config e = wf.getConfig("store.embedded");
      return new NodeSettings(
          site,
          wf.getBoolean("http.enabled"),
          wf.getString("http.interface"),
          port,
          CaptureSettings.create(config),
          HostSettings.create(config),
          AlertSettings.create(config),
          AlertingSettings.create(config),
          StoreSettings.create(config),
          new EmbeddedCassandraSettings(
              e.getString("work-dir"),
              e.getInt("native-port"),
              e.getInt("storage-port"),
              e.getString("heap"),
              e.getDuration("start-timeout"),
              e.getBoolean("keep-running")),
          ModelSettings.create(config),
          ClusterSettings.create(config));
    } catch (IllegalArgumentException | com.typesafe.config.ConfigException ex) {
      throw new NodeConfig.BadConfigException(ex.getMessage());
    }
  }
}
