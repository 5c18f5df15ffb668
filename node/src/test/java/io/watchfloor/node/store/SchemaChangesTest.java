package io.watchfloor.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import io.watchfloor.node.testing.SharedCassandra;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Schema statements meeting another node's schema change half-way. */
@ExtendWith(SharedCassandra.class)
class SchemaChangesTest {
  static CqlSession session;
  static String keyspace;

  @BeforeAll
  static void connect() {
    session = SharedCassandra.newSession();
    keyspace = SharedCassandra.freshKeyspace("schema_changes");
    session.execute("CREATE KEYSPACE " + keyspace
        + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
  }

  @AfterAll
  static void close() {
    session.close();
  }

  @Test
  void shouldRetryAQueryOnATableAnotherNodeIsStillCreating() throws Exception {
    CompletableFuture<Void> otherNode = CompletableFuture.runAsync(() -> {
      try {
        TimeUnit.MILLISECONDS.sleep(400);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      session.execute("CREATE TABLE " + keyspace + ".late (k int PRIMARY KEY)");
    });

    var rows = new SchemaChanges(session).execute(SimpleStatement.newInstance("SELECT k FROM " + keyspace + ".late"));

    assertThat(rows.all()).isEmpty();
    otherNode.get(1, TimeUnit.MINUTES);
  }

  @Test
  void shouldTakeAColumnAnotherNodeAddedFirstAsDone() {
    SchemaChanges changes = new SchemaChanges(session);
    changes.change("CREATE TABLE IF NOT EXISTS " + keyspace + ".widened (k int PRIMARY KEY)");
    changes.change("ALTER TABLE " + keyspace + ".widened ADD extra text");

    changes.change("ALTER TABLE " + keyspace + ".widened ADD extra text");

    assertThat(session.execute("SELECT column_name FROM system_schema.columns WHERE keyspace_name = ?"
        + " AND table_name = 'widened' AND column_name = 'extra'", keyspace).one()).isNotNull();
  }

  @Test
  void shouldStillFailAStatementThatIsWrong() {
    assertThatThrownBy(() -> new SchemaChanges(session).change("CREATE TABLE IF NOT EXISTS " + keyspace
        + ".broken (k int PRIMARY KEY, k text)"))
        .isInstanceOf(InvalidQueryException.class);
  }
}
