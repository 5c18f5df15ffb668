package io.watchfloor.node.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates or migrates the keyspace and tables at start-up. Idempotent: each numbered migration runs
 * once and is recorded in {@code schema_migrations}; retention (table TTL) is re-applied on every
 * start so changing the config takes effect. Nodes of a new cluster that start together may all
 * run it at once on a new keyspace (see {@link #migrate}).
 */
public final class SchemaMigrator {
  private static final Logger log = LoggerFactory.getLogger(SchemaMigrator.class);

  /** Tables whose rows expire after the retention period. */
  static final List<String> RETAINED_TABLES =
      List.of("anomalies_by_host", "anomalies_by_day", "anomalies_by_id", "anomaly_days", "host_snapshots",
          "alert_outbox", "alert_deliveries", "alert_silences", "alert_actions",
          "anomaly_feedback", "alert_groups");

  private record Migration(int version, String description, List<String> statements) {}

  private static final List<Migration> MIGRATIONS =
      List.of(
          new Migration(
              1,
              "anomalies and host snapshots",
              List.of(
                  "CREATE TABLE IF NOT EXISTS anomalies_by_id (id text PRIMARY KEY, site text, host text,"
                      + " window_start timestamp, body text)",
                  "CREATE TABLE IF NOT EXISTS anomalies_by_host (site text, host text, window_start timestamp,"
                      + " id text, detector text, severity text, score double, body text,"
                      + " PRIMARY KEY ((site, host), window_start, id))"
                      + " WITH CLUSTERING ORDER BY (window_start DESC, id ASC)",
                  "CREATE TABLE IF NOT EXISTS anomalies_by_day (site text, day date, window_start timestamp,"
                      + " id text, host text, detector text, severity text, score double, body text,"
                      + " PRIMARY KEY ((site, day), window_start, id))"
                      + " WITH CLUSTERING ORDER BY (window_start DESC, id ASC)",
                  "CREATE TABLE IF NOT EXISTS anomaly_days (site text, day date, PRIMARY KEY (site, day))"
                      + " WITH CLUSTERING ORDER BY (day DESC)",
                  "CREATE TABLE IF NOT EXISTS host_snapshots (site text, host text, updated_at timestamp,"
                      + " windows_seen bigint, anomalies bigint, baseline blob, PRIMARY KEY ((site, host)))")),
          new Migration(
              2,
              "alert outbox, deliveries, silences and playbook actions",
              List.of(
                  "CREATE TABLE IF NOT EXISTS alert_outbox (receiver text, id text, integration int,"
                      + " created_at timestamp, notification text, PRIMARY KEY ((receiver), id))",
                  "CREATE TABLE IF NOT EXISTS alert_deliveries (receiver text, id text, delivered_at timestamp,"
                      + " outcome text, attempts int, PRIMARY KEY ((receiver), id))",
                  "CREATE TABLE IF NOT EXISTS alert_silences (bucket text, id text, matchers list<text>,"
                      + " starts_at timestamp, ends_at timestamp, created_by text, comment text,"
                      + " PRIMARY KEY ((bucket), id))",
                  "CREATE TABLE IF NOT EXISTS alert_actions (anomaly_id text, playbook text, step int,"
                      + " action text, ran_at timestamp, group_id text, detail text,"
                      + " PRIMARY KEY ((anomaly_id), playbook, step))")),
          new Migration(
              3,
              "analyst feedback on anomalies",
              List.of(
                  "CREATE TABLE IF NOT EXISTS anomaly_feedback (anomaly_id text, at timestamp, verdict text,"
                      + " comment text, author text, scope text, expires_at timestamp,"
                      + " PRIMARY KEY ((anomaly_id), at)) WITH CLUSTERING ORDER BY (at DESC)")),
          new Migration(
              4,
              "capture segments and per-segment window marks of host snapshots",
              List.of(
                  "CREATE TABLE IF NOT EXISTS segments (site text, segment text, run text, node text, file text,"
                      + " interface text, filter text, netflow text, state text, updated_at timestamp,"
                      + " PRIMARY KEY ((site), segment))",
                  "ALTER TABLE host_snapshots ADD segment_marks map<text, bigint>")),
          // Not a retained table: one small row per site, rewritten at every retraining; a site
          // that trained once keeps its model however long it then runs without a retraining.
          new Migration(
              6,
              "site models new hosts start from",
              List.of(
                  "CREATE TABLE IF NOT EXISTS site_models (site text PRIMARY KEY, model blob, windows bigint,"
                      + " hosts int, trained_at timestamp)")),
          // Retained: every change rewrites an open group's row, so only a group no router has
          // touched for the retention period expires; rows of resolved groups carry their own TTL.
          new Migration(
              7,
              "alert groups of the alert router",
              List.of(
                  "CREATE TABLE IF NOT EXISTS alert_groups (group_id text PRIMARY KEY, format int, state blob,"
                      + " updated_at timestamp)")));

  private SchemaMigrator() {}

  /**
   * Brings the keyspace up to date; returns the versions this call recorded. Safe to run from
   * several nodes at once: every statement is idempotent (IF NOT EXISTS, an added column that is
   * already there is fine), schema changes wait for agreement ({@link SchemaChanges}), and a version
   * is recorded with a lightweight transaction, so each version is recorded, and returned, by one
   * caller only.
   */
  public static List<Integer> migrate(CqlSession session, StoreSettings settings) {
    String ks = settings.keyspace();
    SchemaChanges changes = new SchemaChanges(session);
    // Schema changes need cluster-wide agreement and take a while: only make the ones needed.
    boolean exists =
        session.execute(SimpleStatement.newInstance(
                "SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?", ks))
            .one() != null;
    if (!exists) {
      changes.change(
          "CREATE KEYSPACE IF NOT EXISTS " + ks + " WITH replication = " + replicationCql(settings.replication()));
    }
    if (!exists || currentTtls(session, ks).get("schema_migrations") == null) {
      changes.change(
          "CREATE TABLE IF NOT EXISTS "
              + ks
              + ".schema_migrations (version int PRIMARY KEY, description text, applied_at timestamp)");
    }
    Set<Integer> applied = new HashSet<>();
    for (Row row : changes.execute(SimpleStatement.newInstance("SELECT version FROM " + ks + ".schema_migrations"))) {
      applied.add(row.getInt(0));
    }
    List<Integer> now = new ArrayList<>();
    for (Migration m : MIGRATIONS) {
      if (applied.contains(m.version())) {
        continue;
      }
      for (String cql : m.statements()) {
        changes.change(
            cql.replace("CREATE TABLE IF NOT EXISTS ", "CREATE TABLE IF NOT EXISTS " + ks + ".")
                .replace("ALTER TABLE ", "ALTER TABLE " + ks + "."));
      }
      boolean recordedHere = changes.execute(
          SimpleStatement.newInstance(
              "INSERT INTO " + ks + ".schema_migrations (version, description, applied_at) VALUES (?, ?, ?)"
                  + " IF NOT EXISTS",
              m.version(),
              m.description(),
              Instant.now()))
          .wasApplied();
      if (recordedHere) {
        log.info("Applied schema migration {} ({}) to keyspace {}", m.version(), m.description(), ks);
        now.add(m.version());
      } else {
        log.info("Schema migration {} ({}) of keyspace {} was recorded by another node at the same time",
            m.version(), m.description(), ks);
      }
    }
    long ttl = settings.retention().toSeconds();
    Map<String, Integer> ttls = currentTtls(session, ks);
    for (String table : RETAINED_TABLES) {
      Integer current = ttls.get(table);
      if (current == null || current != ttl) {
        changes.change("ALTER TABLE " + ks + "." + table + " WITH default_time_to_live = " + ttl);
        log.info("Retention of {}.{} set to {} s", ks, table, ttl);
      }
    }
    return now;
  }

  private static Map<String, Integer> currentTtls(CqlSession session, String ks) {
    Map<String, Integer> out = new HashMap<>();
    for (Row row : session.execute(SimpleStatement.newInstance(
        "SELECT table_name, default_time_to_live FROM system_schema.tables WHERE keyspace_name = ?", ks))) {
      out.put(row.getString(0), row.getInt(1));
    }
    return out;
  }

  static String replicationCql(Map<String, String> replication) {
    return replication.entrySet().stream()
        .map(e -> "'" + e.getKey().replace("'", "''") + "': '" + e.getValue().replace("'", "''") + "'")
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
