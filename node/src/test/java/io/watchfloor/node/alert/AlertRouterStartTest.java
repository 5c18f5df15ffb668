package io.watchfloor.node.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.typesafe.config.ConfigFactory;
import io.watchfloor.node.NodeConfig;
import io.watchfloor.node.alert.receiver.HttpSender;
import io.watchfloor.node.store.AlertGroupRepository;
import io.watchfloor.node.store.CassandraStore;
import io.watchfloor.node.testing.SharedCassandra;
import io.watchfloor.protocol.alert.Anomaly;
import io.watchfloor.protocol.alert.Explanation;
import io.watchfloor.protocol.alert.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A router whose stored groups cannot be read starts without them and routes as usual. */
@ExtendWith(SharedCassandra.class)
class AlertRouterStartTest {
  @RegisterExtension static final AlertRouterFixture fixture = new AlertRouterFixture("routerstart");
  private final RecordingReceiver soc = fixture.receiver();
  private ActorTestKit kit;

  @Test
  void shouldStartWithoutTheStoredGroupsWhenCassandraDoesNotAnswer() throws Exception {
    AlertingSettings settings = AlertingSettings.create(NodeConfig.load(ConfigFactory.parseString("""
        watchfloor.alerting {
          enabled = on
          tick = 50ms
          state-load-timeout = 2s
          delivery { min-backoff = 100ms, poll-interval = 200ms }
          receivers = [ { name = soc, webhook_configs = [ { url = "%s" } ] } ]
          route { receiver = soc, group_by = [host], group_wait = 0s }
        }
        """.formatted(soc.url("/soc")))));
    CqlSession gone = SharedCassandra.newSession();
    CassandraStore store = fixture.store();
    AlertGroupRepository unreachable = new AlertGroupRepository(gone, store.settings().keyspace());
    gone.close(); // every read and write of the group state fails from now on
    kit = fixture.startKit();
    ActorRef<Topic.Command<Anomaly>> topic = kit.spawn(Topic.create(Anomaly.class, "anomalies"));
    ActorRef<AlertRouter.Command> router = kit.spawn(AlertRouter.create(new AlertRouter.Dependencies(settings,
        store.outbox(), store.silences(), store.actions(), unreachable, new HttpSender(Duration.ofSeconds(2), System::getenv),
        new MutableClock(Instant.parse("2026-11-24T11:00:00Z"))), topic));

    AlertRouterStats stats = AskPattern.<AlertRouter.Command, AlertRouterStats>ask(
        router, AlertRouter.GetStats::new, Duration.ofSeconds(10), kit.scheduler()).toCompletableFuture().get();
    assertThat(stats.groupsRestored()).isZero();
    awaitSubscriber(topic);
    long start = 1_763_800_000_000L;
    topic.tell(Topic.publish(new Anomaly(Anomaly.idFor("hq", "10.0.0.1", "flood", start), "hq", "dmz", "10.0.0.1",
        "flood", "network", Severity.HIGH, 0.9, start, start + 10_000, start + 11_000, "10.0.0.1", "10.9.9.9", 443,
        "tcp", new Explanation("flood by 10.0.0.1", List.of(), Map.of()))));

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (soc.accepted().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(soc.accepted()).singleElement()
        .satisfies(r -> assertThat(r.body().path("status").asText()).isEqualTo("firing"));
  }

  private void awaitSubscriber(ActorRef<Topic.Command<Anomaly>> topic) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (AskPattern.<Topic.Command<Anomaly>, Topic.TopicStats>ask(topic, Topic::getTopicStats, Duration.ofSeconds(3),
        kit.scheduler()).toCompletableFuture().get().localSubscriberCount() < 1) {
      assertThat(System.nanoTime()).as("router subscribed within 10 s").isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
