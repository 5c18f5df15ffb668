package io.watchfloor.node.store;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code watchfloor.store}: where the Cassandra cluster is and how the keyspace is laid out.
 *
 * @param contactPoints "host:port" entries; empty means "the embedded server the node starts"
 * @param replication the keyspace replication map, e.g. {class: SimpleStrategy,
 *     replication_factor: 1} or {class: NetworkTopologyStrategy, site-a: 3, site-b: 3}
 * @param retention TTL of anomalies and host snapshots
 */
public record StoreSettings(
    List<String> contactPoints,
    String localDatacenter,
    String keyspace,
    Map<String, String> replication,
    Duration retention,
    Duration requestTimeout) {

  private static final Pattern KEYSPACE = Pattern.compile("[a-z][a-z0-9_]{0,47}");

  public StoreSettings {
    contactPoints = List.copyOf(contactPoints);
    replication = Map.copyOf(replication);
    if (!KEYSPACE.matcher(keyspace).matches()) {
      throw new IllegalArgumentException(
          "watchfloor.store.keyspace must be lowercase letters, digits and _ (at most 48), was '"
              + keyspace
              + "'");
    }
    if (!replication.containsKey("class")) {
      throw new IllegalArgumentException("watchfloor.store.replication must name a 'class'");
    }
    for (String cp : contactPoints) {
      parseContactPoint(cp);
    }
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("watchfloor.store.retention must be positive, was " + retention);
    }
  }

  public static StoreSettings create(Config root) {
    Config c = root.getConfig("watchfloor.store");
    Map<String, String> replication = new LinkedHashMap<>();
    c.getConfig("replication").entrySet().forEach(e -> replication.put(e.getKey(), String.valueOf(e.getValue().unwrapped())));
    return new StoreSettings(
        c.getStringList("contact-points"),
        c.getString("local-datacenter"),
        c.getString("keyspace"),
        replication,
        c.getDuration("retention"),
        c.getDuration("request-timeout"));
  }

  public boolean embedded() {
    return contactPoints.isEmpty();
  }

  public StoreSettings withContactPoints(List<String> points) {
    return new StoreSettings(points, localDatacenter, keyspace, replication, retention, requestTimeout);
  }

  public StoreSettings withRetention(Duration ttl) {
    return new StoreSettings(contactPoints, localDatacenter, keyspace, replication, ttl, requestTimeout);
  }

  public StoreSettings withKeyspace(String ks) {
    return new StoreSettings(contactPoints, localDatacenter, ks, replication, retention, requestTimeout);
  }

  /** "host:port" to a socket address; throws a message naming the bad entry. */
  public static java.net.InetSocketAddress parseContactPoint(String hostPort) {
    return io.watchfloor.node.HostPort.parse(hostPort, "Cassandra contact point", 1);
  }
}
