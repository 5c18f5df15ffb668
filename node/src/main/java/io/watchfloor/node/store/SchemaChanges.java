package io.watchfloor.node.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.servererrors.QueryValidationException;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the schema statements of {@link SchemaMigrator} so that several nodes may run them at the
 * same moment: after every schema change it waits until the cluster's nodes agree on the schema
 * (the next statement may go to a node that has not seen the change yet), and a statement that
 * meets another node's change half-way is retried a bounded number of times with a growing pause.
 */
final class SchemaChanges {
  private static final Logger log = LoggerFactory.getLogger(SchemaChanges.class);
  /** One schema change and the driver's own agreement wait (10 s by default) may take this long. */
  static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(60);
  /** How long to wait for agreement after the driver's own wait gave up. */
  static final Duration AGREEMENT_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration AGREEMENT_POLL = Duration.ofMillis(200);
  static final int MAX_ATTEMPTS = 6;
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(4);

  private final CqlSession session;

  SchemaChanges(CqlSession session) {
    this.session = session;
  }

  /**
   * Makes one schema change (CREATE … IF NOT EXISTS, ALTER). An ALTER that adds a column another
   * node added first has done what it wanted and is not an error.
   */
  void change(String cql) {
    retrying(cql, () -> {
      try {
        ResultSet result = session.execute(statement(cql));
        awaitAgreement(cql, result.getExecutionInfo().isSchemaInAgreement());
      } catch (QueryValidationException e) {
        if (!madeByAnother(e)) {
          throw e;
        }
        log.info("Schema change already made by another node ({}): {}", e.getMessage(), cql);
        awaitAgreement(cql, false);
      }
      return null;
    });
  }

  /** Runs a statement on the schema being built: one that finds a table not there yet is retried. */
  ResultSet execute(SimpleStatement statement) {
    return retrying(statement.getQuery(), () -> session.execute(statement.setTimeout(STATEMENT_TIMEOUT)));
  }

  private static SimpleStatement statement(String cql) {
    return SimpleStatement.newInstance(cql).setTimeout(STATEMENT_TIMEOUT);
  }

  private <T> T retrying(String cql, Supplier<T> action) {
    Duration backoff = FIRST_BACKOFF;
    for (int attempt = 1; ; attempt++) {
      try {
        return action.get();
      } catch (QueryValidationException e) {
        if (!notThereYet(e) || attempt == MAX_ATTEMPTS) {
          throw e;
        }
        log.warn("Schema statement failed, attempt {} of {} ({}); another node is probably changing the"
            + " schema: retrying in {} ms once the schema agrees: {}",
            attempt, MAX_ATTEMPTS, e.getMessage(), backoff.toMillis(), cql);
        sleep(backoff);
        awaitAgreement(cql, false);
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
      }
    }
  }

  /** "Keyspace … does not exist", "table … does not exist", "unconfigured table …". */
  static boolean notThereYet(QueryValidationException e) {
    String message = lower(e);
    return message.contains("does not exist") || message.contains("unconfigured table");
  }

  /** "… already exists" (an added column, a keyspace or table created without IF NOT EXISTS). */
  static boolean madeByAnother(QueryValidationException e) {
    return lower(e).contains("already exists");
  }

  private static String lower(QueryValidationException e) {
    return e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
  }

  private void awaitAgreement(String cql, boolean inAgreement) {
    if (inAgreement) {
      return;
    }
    long deadline = System.nanoTime() + AGREEMENT_TIMEOUT.toNanos();
    while (!session.checkSchemaAgreement()) {
      if (System.nanoTime() > deadline) {
        log.warn("Cassandra nodes still disagree on the schema {} s after: {}", AGREEMENT_TIMEOUT.toSeconds(), cql);
        return;
      }
      sleep(AGREEMENT_POLL);
    }
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the Cassandra schema", e);
    }
  }
}
