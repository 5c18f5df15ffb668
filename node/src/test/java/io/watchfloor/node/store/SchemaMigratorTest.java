package io.watchfloor.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.watchfloor.node.testing.SharedCassandra;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The schema is created once, migrations are recorded, and retention follows the config on every start. */
@ExtendWith(SharedCassandra.class)
class SchemaMigratorTest {
  private static final int CONCURRENT_NODES = 3;
  private static final int ROUNDS = 3;
  private static final List<Integer> ALL_VERSIONS = List.of(1, 2, 3, 4, 6, 7);

  static CqlSession session;

  @BeforeAll
  static void connect() {
    session = SharedCassandra.newSession();
  }

  @AfterAll
  static void close() {
    session.close();
  }

  private static StoreSettings settings(String keyspace) {
    return new StoreSettings(List.of(SharedCassandra.contactPoint()), "datacenter1", keyspace,
        Map.of("class", "SimpleStrategy", "replication_factor", "1"), Duration.ofDays(7), Duration.ofSeconds(30));
  }

  private static int ttlOf(String keyspace, String table) {
    Row row = session.execute(
        "SELECT default_time_to_live FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?",
        keyspace, table).one();
    return row.getInt(0);
  }

  private static Set<String> tablesOf(String keyspace) {
    Set<String> tables = new HashSet<>();
    for (Row row : session.execute(
        "SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?", keyspace)) {
      tables.add(row.getString(0));
    }
    return tables;
  }

  @Test
  void shouldCreateOnceThenOnlyReapplyRetention() {
    StoreSettings settings = settings(SharedCassandra.freshKeyspace("schema"));
    List<Integer> first = SchemaMigrator.migrate(session, settings);
    List<Integer> second = SchemaMigrator.migrate(session, settings.withRetention(Duration.ofDays(90)));

    assertThat(first).containsExactlyElementsOf(ALL_VERSIONS);
    assertThat(second).isEmpty();
    for (String table : SchemaMigrator.RETAINED_TABLES) {
      assertThat(ttlOf(settings.keyspace(), table)).as(table).isEqualTo(90 * 86_400);
    }
    Row replication = session.execute(
        "SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = ?", settings.keyspace()).one();
    assertThat(replication.getMap(0, String.class, String.class))
        .containsEntry("replication_factor", "1");
  }

  /** Nodes of a new cluster start at the same moment: each has its own session, all start on a latch. */
  @Test
  void shouldMigrateANewKeyspaceFromSeveralNodesAtOnce() throws Exception {
    List<CqlSession> sessions = new ArrayList<>();
    ExecutorService nodes = Executors.newFixedThreadPool(CONCURRENT_NODES);
    try {
      for (int i = 0; i < CONCURRENT_NODES; i++) {
        sessions.add(SharedCassandra.newSession());
      }
      for (int round = 0; round < ROUNDS; round++) {
        StoreSettings settings = settings(SharedCassandra.freshKeyspace("schema_race"));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<Integer>>> results = new ArrayList<>();
        for (CqlSession s : sessions) {
          results.add(nodes.submit(() -> {
            go.await();
            return SchemaMigrator.migrate(s, settings);
          }));
        }
        go.countDown();
        List<Integer> appliedByAll = new ArrayList<>();
        for (Future<List<Integer>> r : results) {
          appliedByAll.addAll(r.get(3, TimeUnit.MINUTES));
        }

        String ks = settings.keyspace();
        assertThat(appliedByAll).as("round %d: each version applied by one node", round)
            .containsExactlyInAnyOrderElementsOf(ALL_VERSIONS);
        assertThat(tablesOf(ks)).as("round %d", round).containsAll(SchemaMigrator.RETAINED_TABLES)
            .contains("schema_migrations", "segments", "site_models");
        List<Integer> recorded = new ArrayList<>();
        for (Row row : session.execute("SELECT version FROM " + ks + ".schema_migrations")) {
          recorded.add(row.getInt(0));
        }
        assertThat(recorded).as("round %d", round).containsExactlyInAnyOrderElementsOf(ALL_VERSIONS);
        assertThat(session.execute("SELECT column_name FROM system_schema.columns"
                + " WHERE keyspace_name = ? AND table_name = 'host_snapshots' AND column_name = 'segment_marks'", ks)
            .one()).as("round %d: migration 4's column", round).isNotNull();
        for (String table : SchemaMigrator.RETAINED_TABLES) {
          assertThat(ttlOf(ks, table)).as("round %d: %s", round, table).isEqualTo(7 * 86_400);
        }
      }
    } finally {
      nodes.shutdownNow();
      sessions.forEach(CqlSession::close);
    }
  }
}
