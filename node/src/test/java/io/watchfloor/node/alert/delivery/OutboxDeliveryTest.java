package io.watchfloor.node.alert.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.watchfloor.node.NodeConfig;
import io.watchfloor.node.alert.RecordingReceiver;
import io.watchfloor.node.alert.TestNotifications;
import io.watchfloor.node.alert.receiver.HttpSender;
import io.watchfloor.node.alert.receiver.Notification;
import io.watchfloor.node.alert.receiver.Receiver;
import io.watchfloor.node.alert.receiver.WebhookIntegration;
import io.watchfloor.node.store.AlertOutboxRepository;
import io.watchfloor.node.store.CassandraStore;
import io.watchfloor.node.store.StoreSettings;
import io.watchfloor.node.testing.SharedCassandra;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The outbox in the real Cassandra, a real receiver on loopback, the real worker actor. */
@ExtendWith(SharedCassandra.class)
class OutboxDeliveryTest {
  /** "A minute" of receiver outage, shortened so the test takes seconds. */
  private static final long OUTAGE_MILLIS = 3_000;
  private static final DeliverySettings FAST = new DeliverySettings(
      Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofMillis(800), Duration.ofMillis(500),
      50, Duration.ofSeconds(1), 100);

  private static CassandraStore store;
  private final RecordingReceiver server = new RecordingReceiver();
  private final HttpSender sender = new HttpSender(Duration.ofSeconds(2), Function.identity());

  @BeforeAll
  static void connect() {
    StoreSettings s = StoreSettings.create(NodeConfig.load(ConfigFactory.empty()))
        .withContactPoints(List.of(SharedCassandra.contactPoint()))
        .withKeyspace(SharedCassandra.freshKeyspace("outbox"));
    store = CassandraStore.connect(s);
  }

  @AfterAll
  static void disconnect() {
    store.close();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private Receiver receiver(String name) {
    return new Receiver(name, List.of(new WebhookIntegration(URI.create(server.url("/hook")))));
  }

  private void enqueue(String receiver, int from, int to) throws Exception {
    for (int i = from; i <= to; i++) {
      store.outbox().enqueue(TestNotifications.firing(receiver, i), 1).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** Anomaly id → how many times the receiver accepted it. */
  private Map<String, Long> receivedCounts() {
    return server.accepted().stream()
        .collect(Collectors.groupingBy(r -> r.body().path("alerts").get(0).path("fingerprint").asText(), Collectors.counting()));
  }

  private static void await(java.util.function.BooleanSupplier done, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not done within " + timeout);
      }
      Thread.sleep(50);
    }
  }

  @Test
  void shouldDeliverEveryAlertExactlyOnceAfterTheReceiverRecovers() throws Exception {
    enqueue("recovering", 1, 20);
    ActorTestKit kit = ActorTestKit.create();
    try {
      long recoversAt = System.currentTimeMillis() + OUTAGE_MILLIS;
      server.answer(() -> System.currentTimeMillis() < recoversAt ? 500 : 202);
      ActorRef<ReceiverOutbox.Command> worker = kit.spawn(ReceiverOutbox.create(receiver("recovering"), store.outbox(), sender, FAST));
      await(() -> receivedCounts().size() == 20, Duration.ofSeconds(30));
      Thread.sleep(1_000); // anything sent twice would arrive now
      assertThat(receivedCounts()).hasSize(20).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
      assertThat(server.attempts().size()).isGreaterThan(20); // it did fail and retry
      var probe = kit.<DeliveryStats>createTestProbe();
      worker.tell(new ReceiverOutbox.GetStats(probe.getRef()));
      DeliveryStats stats = probe.receiveMessage();
      assertThat(stats.delivered()).isEqualTo(20);
      assertThat(stats.retries()).isPositive();
      assertThat(store.outbox().pending("recovering", 100).toCompletableFuture().get()).isEmpty();
      assertThat(store.outbox().outcomes("recovering").toCompletableFuture().get()).hasSize(20).containsOnly("delivered");
    } finally {
      kit.shutdownTestKit();
    }
  }

  @Test
  void shouldWaitAsLongAsRetryAfterSays() throws Exception {
    int[] calls = {0};
    server.answer(() -> ++calls[0] == 1 ? 429 : 202);
    server.retryAfter("2");
    enqueue("limited", 1, 1);
    ActorTestKit kit = ActorTestKit.create();
    try {
      kit.spawn(ReceiverOutbox.create(receiver("limited"), store.outbox(), sender, FAST));
      await(() -> receivedCounts().size() == 1, Duration.ofSeconds(20));
      List<Long> at = server.attempts();
      assertThat(at).hasSize(2);
      assertThat(at.get(1) - at.get(0)).isGreaterThanOrEqualTo(1_900); // not min-backoff's 100 ms
    } finally {
      kit.shutdownTestKit();
    }
  }

  @Test
  void shouldNeitherLoseNorResendDeliveredAlertsAcrossARestart() throws Exception {
    enqueue("restarted", 1, 10);
    CountDownLatch held = new CountDownLatch(1);
    ActorTestKit first = ActorTestKit.create();
    first.spawn(ReceiverOutbox.create(receiver("restarted"), store.outbox(), sender, FAST));
    // Let three through, then hold the fourth request in flight and kill the node under it.
    // at least three: a poll can miss the moment it was exactly three
    await(() -> receivedCounts().size() >= 3, Duration.ofSeconds(30));
    server.stall(held);
    int through = receivedCounts().size();
    await(() -> {
      try {
        return store.outbox().outcomes("restarted").toCompletableFuture().get().size() >= through;
      } catch (Exception e) {
        return false;
      }
    }, Duration.ofSeconds(10));
    first.shutdownTestKit();
    server.answer(() -> 503); // the request cut off by the crash never counts as accepted
    held.countDown();
    Thread.sleep(200);
    server.stall(null);
    server.answer(() -> 202);

    ActorTestKit second = ActorTestKit.create();
    try {
      second.spawn(ReceiverOutbox.create(receiver("restarted"), store.outbox(), sender, FAST));
      await(() -> receivedCounts().size() == 10, Duration.ofSeconds(30));
      Thread.sleep(1_000);
      assertThat(receivedCounts()).hasSize(10).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
      assertThat(store.outbox().outcomes("restarted").toCompletableFuture().get()).hasSize(10);
    } finally {
      second.shutdownTestKit();
    }
  }

  @Test
  void shouldSpaceRequestsToOneReceiverByItsRateLimit() throws Exception {
    enqueue("throttled", 1, 6);
    DeliverySettings fivePerSecond = new DeliverySettings(Duration.ofSeconds(2), Duration.ofMillis(100),
        Duration.ofMillis(800), Duration.ofMillis(500), 5, Duration.ofSeconds(1), 100);
    ActorTestKit kit = ActorTestKit.create();
    try {
      kit.spawn(ReceiverOutbox.create(receiver("throttled"), store.outbox(), sender, fivePerSecond));
      await(() -> receivedCounts().size() == 6, Duration.ofSeconds(20));
      List<Long> at = server.attempts();
      for (int i = 1; i < at.size(); i++) {
        assertThat(at.get(i) - at.get(i - 1)).as("gap before request " + i).isGreaterThanOrEqualTo(190);
      }
    } finally {
      kit.shutdownTestKit();
    }
  }

  @Test
  void shouldBackOffExponentiallyWithJitterUpToTheMaximum() {
    assertThat(FAST.backoff(1, 0.0)).isEqualTo(Duration.ofMillis(50));
    assertThat(FAST.backoff(1, 1.0)).isEqualTo(Duration.ofMillis(100));
    assertThat(FAST.backoff(3, 1.0)).isEqualTo(Duration.ofMillis(400));
    assertThat(FAST.backoff(10, 1.0)).isEqualTo(Duration.ofMillis(800));
    assertThat(FAST.backoff(64, 0.5)).isBetween(Duration.ofMillis(400), Duration.ofMillis(800));
    assertThat(FAST.minGap()).isEqualTo(Duration.ofMillis(20));
  }
}
