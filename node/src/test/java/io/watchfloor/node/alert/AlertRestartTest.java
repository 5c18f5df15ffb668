package io.watchfloor.node.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import io.watchfloor.node.WatchfloorNode;
import io.watchfloor.node.testing.SharedCassandra;
import io.watchfloor.node.testing.TestNodes;
import io.watchfloor.node.testing.TestPcaps;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A node stopped while one receiver is down: the next node on the same keyspace delivers what was
 * left in the outbox, once, and does not send again what the first node had delivered.
 */
@ExtendWith(SharedCassandra.class)
class AlertRestartTest {
  private final RecordingReceiver up = new RecordingReceiver();
  private final RecordingReceiver down = new RecordingReceiver();

  @AfterEach
  void close() {
    up.close();
    down.close();
  }

  private Config config(String keyspace) {
    return TestNodes.config(keyspace, """
        watchfloor.alerting {
          enabled = on
          tick = 100ms
          delivery { min-backoff = 200ms, max-backoff = 400ms, poll-interval = 300ms }
          receivers = [ { name = up, webhook_configs = [ { url = "%s" } ] },
                        { name = down, webhook_configs = [ { url = "%s" } ] } ]
          route {
            receiver = up
            group_by = [host, "rule.name"]
            group_wait = 0s
            routes = [ { receiver = up, continue = true }, { receiver = down } ]
          }
        }
        """.formatted(up.url("/up"), down.url("/down")));
  }

  private static Map<String, Long> byGroupAndStatus(RecordingReceiver r) {
    return r.accepted().stream().collect(Collectors.groupingBy(
        q -> labelsOf(q.body().path("groupKey").asText()) + " " + q.body().path("status").asText(), Collectors.counting()));
  }

  /** The group key without its route path: the two routes group the same alerts. */
  private static String labelsOf(String groupKey) {
    return groupKey.substring(groupKey.indexOf('{'));
  }

  private static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 30 s").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  @Test
  void shouldDeliverWhatWasLeftOnceAndNotResendWhatWasDelivered() throws Exception {
    String keyspace = SharedCassandra.freshKeyspace("restart");
    down.answer(() -> 503);
    AlertRouterStats stats;
    try (WatchfloorNode first = TestNodes.start(config(keyspace))) {
      TestNodes.capture(first, "masscan", TestPcaps.of("scan_masscan_tcp_0-1000.pcap"), Duration.ofSeconds(60));
      await(() -> !up.accepted().isEmpty() && down.attempts().size() >= 2);
      stats = AskPattern.<AlertRouter.Command, AlertRouterStats>ask(
          first.alertRouter(), AlertRouter.GetStats::new, Duration.ofSeconds(5), first.system().scheduler())
          .toCompletableFuture().get();
    }
    assertThat(down.accepted()).isEmpty();
    Map<String, Long> deliveredBefore = byGroupAndStatus(up);
    assertThat(stats.enqueued()).isEqualTo(2L * deliveredBefore.size());

    down.answer(() -> 202);
    try (WatchfloorNode second = TestNodes.start(config(keyspace))) {
      await(() -> down.accepted().size() == deliveredBefore.size());
      Thread.sleep(1_500); // a resend would arrive now
    }
    assertThat(byGroupAndStatus(down)).isEqualTo(deliveredBefore); // the same notifications, each once
    assertThat(byGroupAndStatus(up)).isEqualTo(deliveredBefore); // nothing sent twice
    assertThat(byGroupAndStatus(up).values()).containsOnly(1L);
    assertThat(List.copyOf(deliveredBefore.keySet())).allSatisfy(k -> assertThat(k).contains("port_scan").endsWith("firing"));
  }
}
