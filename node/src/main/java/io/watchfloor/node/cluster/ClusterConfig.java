package io.watchfloor.node.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the node's own settings into the Pekko settings they stand for: the site becomes the node's
 * data center, {@code watchfloor.cluster.*} the remoting address, seed nodes, split-brain resolver
 * and management endpoint. Applied over the loaded config, so a node is configured in one namespace.
 */
public final class ClusterConfig {
  /** The actor system name: seed node addresses must name it. */
  public static final String SYSTEM_NAME = "watchfloor";

  private ClusterConfig() {}

  /** {@code config} with the Pekko settings derived from {@code site} and {@code cluster} on top. */
  public static Config apply(Config config, String site, ClusterSettings cluster) {
    Map<String, Object> p = new HashMap<>();
    p.put("pekko.cluster.multi-data-center.self-data-center", site);
    p.put("pekko.remote.artery.canonical.hostname", cluster.hostname());
    p.put("pekko.remote.artery.canonical.port", cluster.port());
    p.put("pekko.cluster.split-brain-resolver.active-strategy", cluster.downingStrategy());
    p.put("pekko.cluster.split-brain-resolver.stable-after", cluster.stableAfter().toMillis() + "ms");
    // Substitutions in reference.conf are resolved before a user file is merged: set it here.
    p.put(
        "pekko.cluster.sharding.passivation.default-idle-strategy.idle-entity.timeout",
        config.getDuration("watchfloor.host.idle-timeout").toMillis() + "ms");
    p.put("pekko.management.http.hostname", cluster.managementHostname());
    p.put("pekko.management.http.port", cluster.managementPort());
    if (!cluster.seedNodes().isEmpty()) {
      List<String> seeds =
          cluster.seedNodes().stream()
              .map(a -> "pekko://" + SYSTEM_NAME + "@" + a.getHostString() + ":" + a.getPort())
              .toList();
      p.put("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(seeds));
    }
    return ConfigFactory.parseMap(p, "watchfloor.cluster").withFallback(config);
  }
}
