package io.watchfloor.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.watchfloor.node.testing.SharedCassandra;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The schema is created once, migrations are recorded, and retention follows the config on every start. */
@ExtendWith(SharedCassandra.class)
class SchemaMigratorTest {
  static CqlSession session;
  static StoreSettings settings;

  @BeforeAll
  static void connect() {
    session = SharedCassandra.newSession();
    settings = new StoreSettings(List.of(SharedCassandra.contactPoint()), "datacenter1",
        SharedCassandra.freshKeyspace("schema"), Map.of("class", "SimpleStrategy", "replication_factor", "1"),
        Duration.ofDays(7), Duration.ofSeconds(30));
  }

  @AfterAll
  static void close() {
    session.close();
  }

  private static int ttlOf(String keyspace, String table) {
    Row row = session.execute(
        "SELECT default_time_to_live FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?",
        keyspace, table).one();
    return row.getInt(0);
  }

  @Test
  void shouldCreateOnceThenOnlyReapplyRetention() {
    List<Integer> first = SchemaMigrator.migrate(session, settings);
    List<Integer> second = SchemaMigrator.migrate(session, settings.withRetention(Duration.ofDays(90)));

    assertThat(first).containsExactly(1, 2, 3, 4, 6, 7);
    assertThat(second).isEmpty();
    for (String table : SchemaMigrator.RETAINED_TABLES) {
      assertThat(ttlOf(settings.keyspace(), table)).as(table).isEqualTo(90 * 86_400);
    }
    Row replication = session.execute(
        "SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = ?", settings.keyspace()).one();
    assertThat(replication.getMap(0, String.class, String.class))
        .containsEntry("replication_factor", "1");
  }
}
