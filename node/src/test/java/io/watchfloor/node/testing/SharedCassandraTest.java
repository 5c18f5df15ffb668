package io.watchfloor.node.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.datastax.oss.driver.api.core.CqlSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The keyspaces {@link SharedCassandra#freshKeyspace} hands out are gone after the class that asked
 * for them: fixture classes run through {@link EngineTestKit}, then the server is asked what is left.
 * The fixtures are static nested classes, which surefire does not run on their own.
 */
@ExtendWith(SharedCassandra.class)
class SharedCassandraTest {
  static CqlSession session;

  @BeforeAll
  static void connect() {
    session = SharedCassandra.newSession();
  }

  @AfterAll
  static void close() {
    session.close();
  }

  static boolean exists(String keyspace) {
    return session.execute("SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?", keyspace)
        .one() != null;
  }

  static void create(String keyspace) {
    session.execute("CREATE KEYSPACE " + keyspace
        + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
  }

  private static void run(Class<?> fixture, long tests) {
    EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute();
    results.allEvents().failed().debug(System.out); // what went wrong in a fixture, if anything
    results.containerEvents().assertStatistics(stats -> stats.failed(0));
    results.testEvents().assertStatistics(stats -> stats.started(tests).succeeded(tests));
  }

  @Test
  void shouldDropTheKeyspacesAClassWasHandedAfterTheClass() {
    OneClass.created = null;
    OneClass.neverCreated = null;

    run(OneClass.class, 1);

    assertThat(OneClass.created).isNotNull();
    assertThat(exists(OneClass.created)).as(OneClass.created + " after its class").isFalse();
  }

  @Test
  void shouldKeepAnOuterClassesKeyspaceUntilTheOuterClassEnds() {
    Outer.outer = null;
    Outer.First.first = null;

    run(Outer.class, 2);

    assertThat(Outer.outer).isNotNull();
    assertThat(Outer.First.first).isNotNull();
    assertThat(exists(Outer.outer)).as(Outer.outer + " after the outer class").isFalse();
    assertThat(exists(Outer.First.first)).as(Outer.First.first + " after its nested class").isFalse();
  }

  @Test
  void shouldLeaveAKeyspaceItDidNotHandOut() {
    String notHandedOut = "kept_" + Long.toString(System.nanoTime(), 36);
    create(notHandedOut);
    try {
      run(OneClass.class, 1);

      assertThat(exists(OneClass.created)).isFalse();
      assertThat(exists(notHandedOut)).as(notHandedOut + ", created without freshKeyspace").isTrue();
    } finally {
      session.execute("DROP KEYSPACE IF EXISTS " + notHandedOut);
    }
  }

  /** Creates one keyspace, as a repository test does, and hands out one it never creates. */
  @ExtendWith(SharedCassandra.class)
  static class OneClass {
    static String created;
    static String neverCreated;

    @BeforeAll
    static void createKeyspace() {
      created = SharedCassandra.freshKeyspace("cleanup");
      create(created);
      neverCreated = SharedCassandra.freshKeyspace("cleanup_unused");
    }

    @Test
    void shouldHaveItsKeyspace() {
      assertThat(exists(created)).isTrue();
    }
  }

  /** An outer class's keyspace outlives its nested classes; a nested class's does not. */
  @ExtendWith(SharedCassandra.class)
  @TestClassOrder(ClassOrderer.OrderAnnotation.class)
  static class Outer {
    static String outer;

    @BeforeAll
    static void createKeyspace() {
      outer = SharedCassandra.freshKeyspace("cleanup_outer");
      create(outer);
    }

    @Nested
    @Order(1)
    class First {
      static String first;

      @Test
      void shouldHaveBothKeyspaces() {
        first = SharedCassandra.freshKeyspace("cleanup_first");
        create(first);
        assertThat(exists(outer)).isTrue();
        assertThat(exists(first)).isTrue();
      }
    }

    @Nested
    @Order(2)
    class Second {
      @Test
      void shouldStillHaveTheOuterKeyspaceButNotTheFirstNestedOne() {
        assertThat(exists(outer)).as("outer keyspace after the first nested class").isTrue();
        assertThat(exists(First.first)).as("first nested class's keyspace after that class").isFalse();
      }
    }
  }
}
