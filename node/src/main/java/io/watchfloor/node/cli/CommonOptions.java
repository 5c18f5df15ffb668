package io.watchfloor.node.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.watchfloor.node.NodeConfig;
import io.watchfloor.node.store.StoreSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every command shares: where the config and Cassandra are. */
final class CommonOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "Node configuration file (HOCON); see docs/configuration.md.")
  Path config;

  @Option(
      names = "--cassandra",
      paramLabel = "HOST:PORT",
      split = ",",
      description = "Use this Cassandra cluster instead of the embedded server (comma-separated contact points).")
  List<String> cassandra;

  @Option(names = "--site", paramLabel = "NAME", description = "Site name of this node (default: from config, 'local').")
  String site;

  /** The effective configuration: file (or defaults) with command-line overrides on top. */
  Config load(Map<String, Object> overrides) {
    Config base = config == null ? NodeConfig.defaults() : NodeConfig.fromFile(config);
    Config cli = ConfigFactory.parseMap(overrides);
    if (cassandra != null && !cassandra.isEmpty()) {
      for (String cp : cassandra) {
        try {
          StoreSettings.parseContactPoint(cp);
        } catch (IllegalArgumentException e) {
          throw new NodeConfig.BadConfigException("--cassandra: " + e.getMessage());
        }
      }
      cli = cli.withValue("watchfloor.store.contact-points", ConfigValueFactory.fromIterable(cassandra));
    }
    if (site != null) {
      cli = cli.withValue("watchfloor.site", ConfigValueFactory.fromAnyRef(site));
    }
    return NodeConfig.load(cli.withFallback(base));
  }

  /** Where Watchfloor is installed: the launcher script passes it; else the working directory. */
  static Path home() {
    return Path.of(System.getProperty("watchfloor.home", ".")).toAbsolutePath().normalize();
  }
}
