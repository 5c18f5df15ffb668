package io.watchfloor.node.alert;

import com.typesafe.config.ConfigFactory;
import io.watchfloor.node.NodeConfig;
import io.watchfloor.node.store.CassandraStore;
import io.watchfloor.node.store.StoreSettings;
import io.watchfloor.node.testing.SharedCassandra;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a router test runs on: a store in a fresh keyspace of the shared Cassandra for the test
 * class; per test an actor test kit and the receivers the test asked for, closed after it in that
 * order (the kit first: its router may still be delivering to them).
 *
 * <pre>{@code
 * @ExtendWith(SharedCassandra.class)
 * class SomeRouterTest {
 *   @RegisterExtension static final AlertRouterFixture fixture = new AlertRouterFixture("router");
 *   private final RecordingReceiver soc = fixture.receiver();
 * }
 * }</pre>
 */
final class AlertRouterFixture implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
  private final String keyspacePrefix;
  private final List<RecordingReceiver> receivers = new ArrayList<>();
  private CassandraStore store;
  private ActorTestKit kit;

  AlertRouterFixture(String keyspacePrefix) {
    this.keyspacePrefix = keyspacePrefix;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    store = CassandraStore.connect(StoreSettings.create(NodeConfig.load(ConfigFactory.empty()))
        .withContactPoints(List.of(SharedCassandra.contactPoint()))
        .withKeyspace(SharedCassandra.freshKeyspace(keyspacePrefix)));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    store.close();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (kit != null) {
      kit.shutdownTestKit();
      kit = null;
    }
    receivers.forEach(RecordingReceiver::close);
    receivers.clear();
  }

  CassandraStore store() {
    return store;
  }

  /** A receiver on loopback, closed after the test. */
  RecordingReceiver receiver() {
    RecordingReceiver r = new RecordingReceiver();
    receivers.add(r);
    return r;
  }

  /** The test's actor system, with every message serialized as between nodes; stopped after the test. */
  ActorTestKit startKit() {
    kit = ActorTestKit.create(ConfigFactory.parseString("pekko.actor.serialize-messages = on")
        .withFallback(NodeConfig.defaults()));
    return kit;
  }
}
