package io.watchfloor.node.cluster;

import com.typesafe.config.Config;
import io.watchfloor.node.HostPort;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code watchfloor.cluster}: where this node listens for its peers, whom it contacts to join, how a
 * partition is resolved and where the management endpoints are served.
 *
 * @param hostname address peers reach this node at (Artery canonical hostname)
 * @param port Artery port; 0 = any free port, which only makes sense for a one-node cluster
 * @param seedNodes "host:port" of the nodes contacted to join; empty = the node forms its own cluster
 * @param downingStrategy split-brain resolver strategy (keep-majority, static-quorum, keep-oldest,
 *     down-all, lease-majority)
 * @param stableAfter how long membership must be stable before unreachable nodes are downed
 */
public record ClusterSettings(
    String hostname,
    int port,
    List<InetSocketAddress> seedNodes,
    String downingStrategy,
    Duration stableAfter,
    boolean managementEnabled,
    String managementHostname,
    int managementPort) {

  private static final Set<String> STRATEGIES =
      Set.of("keep-majority", "static-quorum", "keep-oldest", "down-all", "lease-majority");

  public ClusterSettings {
    seedNodes = List.copyOf(seedNodes);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("watchfloor.cluster.port must be 0-65535, was " + port);
    }
    if (!seedNodes.isEmpty() && port == 0) {
      throw new IllegalArgumentException(
          "watchfloor.cluster.port must be fixed (not 0) when watchfloor.cluster.seed-nodes are set");
    }
    if (!STRATEGIES.contains(downingStrategy)) {
      throw new IllegalArgumentException(
          "watchfloor.cluster.split-brain.strategy must be one of " + STRATEGIES + ", was '" + downingStrategy + "'");
    }
    if (managementPort < 0 || managementPort > 65535) {
      throw new IllegalArgumentException(
          "watchfloor.cluster.management.port must be 0-65535, was " + managementPort);
    }
  }

  public static ClusterSettings create(Config root) {
    Config c = root.getConfig("watchfloor.cluster");
    return new ClusterSettings(
        c.getString("hostname"),
        c.getInt("port"),
        c.getStringList("seed-nodes").stream()
            .map(s -> HostPort.parse(s, "watchfloor.cluster.seed-nodes entry", 1))
            .toList(),
        c.getString("split-brain.strategy"),
        c.getDuration("split-brain.stable-after"),
        c.getBoolean("management.enabled"),
        c.getString("management.hostname"),
        c.getInt("management.port"));
  }
}
