package io.watchfloor.node.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import io.watchfloor.node.WatchfloorNode;
import io.watchfloor.node.testing.SharedCassandra;
import io.watchfloor.node.testing.TestNodes;
import io.watchfloor.protocol.alert.Anomaly;
import io.watchfloor.protocol.alert.Explanation;
import io.watchfloor.protocol.alert.Severity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The alert router's singleton moves: a node notifies two groups and one is acknowledged, the node
 * stops, and the next node on the same keyspace continues both groups (same ids, same timers, the
 * acknowledgement) instead of forgetting them or sending them again as new.
 */
@ExtendWith(SharedCassandra.class)
class AlertGroupFailoverTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final long GROUP_INTERVAL_MILLIS = 20_000;
  private static final long WINDOW = 1_763_800_000_000L;

  private final RecordingReceiver soc = new RecordingReceiver();

  @AfterEach
  void close() {
    soc.close();
  }

  private Config config(String keyspace) {
    return TestNodes.config(keyspace, """
        watchfloor.alerting {
          enabled = on
          tick = 100ms
          delivery { min-backoff = 100ms, poll-interval = 300ms }
          receivers = [ { name = soc, webhook_configs = [ { url = "%s" } ] } ]
          route {
            receiver = soc
            group_by = [host, "rule.name"]
            group_wait = 0s
            group_interval = %dms
            repeat_interval = 1h
          }
        }
        """.formatted(soc.url("/soc"), GROUP_INTERVAL_MILLIS));
  }

  private static Anomaly scan(String host, int window) {
    long start = WINDOW + window * 10_000L;
    return new Anomaly(Anomaly.idFor("hq", host, "port_scan", start), "hq", "dmz", host, "port_scan", "network",
        Severity.HIGH, 0.9, start, start + 10_000, start + 11_000, host, "10.9.9.9", 443, "tcp",
        new Explanation("port_scan by " + host, List.of(), Map.of("ports", "120")));
  }

  /** Waits until the router has its groups back and takes anomalies; returns its stats. */
  private static AlertRouterStats ready(WatchfloorNode node) throws Exception {
    AlertRouterStats stats = AskPattern.<AlertRouter.Command, AlertRouterStats>ask(
        node.alertRouter(), AlertRouter.GetStats::new, Duration.ofSeconds(20), node.system().scheduler())
        .toCompletableFuture().get(30, TimeUnit.SECONDS);
    node.awaitAnomalySubscribers(3); // the router, the JSON-lines dispatcher and the metrics counter
    return stats;
  }

  private static void publish(WatchfloorNode node, Anomaly a) {
    node.anomalyTopic().tell(Topic.publish(a));
  }

  private static JsonNode call(WatchfloorNode node, String method, String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + node.httpAddress() + "/api/v1/" + path))
        .timeout(Duration.ofSeconds(20)).method(method, HttpRequest.BodyPublishers.noBody()).build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** The live groups by host. */
  private static Map<String, JsonNode> groups(WatchfloorNode node) throws Exception {
    Map<String, JsonNode> out = new HashMap<>();
    call(node, "GET", "alerts").path("alerts").forEach(g -> out.put(g.path("group_labels").path("host").asText(), g));
    return out;
  }

  private static List<String> fingerprints(JsonNode webhookBody) {
    return webhookBody.path("alerts").findValuesAsText("fingerprint");
  }

  private static void await(BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 40 s").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  @Test
  void shouldContinueOpenAndAcknowledgedGroupsOnTheNextNode() throws Exception {
    String keyspace = SharedCassandra.freshKeyspace("failover");
    Anomaly a1 = scan("10.0.0.1", 1);
    Anomaly b1 = scan("10.0.0.2", 1);
    Map<String, JsonNode> before;
    try (WatchfloorNode first = TestNodes.start(config(keyspace))) {
      ready(first);
      publish(first, a1);
      publish(first, b1);
      await(() -> soc.accepted().size() == 2);
      String acknowledged = groups(first).get("10.0.0.1").path("id").asText();
      assertThat(call(first, "POST", "alerts/" + acknowledged + "/acknowledge").path("status").asText())
          .isEqualTo("acknowledged");
      await(() -> soc.accepted().size() == 3);
      before = groups(first);
    }
    assertThat(before.get("10.0.0.1").path("status").asText()).isEqualTo("acknowledged");
    assertThat(before.get("10.0.0.2").path("status").asText()).isEqualTo("firing");

    try (WatchfloorNode second = TestNodes.start(config(keyspace))) {
      assertThat(ready(second).groupsRestored()).isEqualTo(2);
      Map<String, JsonNode> restored = groups(second);
      assertThat(restored).isEqualTo(before);

      publish(second, scan("10.0.0.1", 2)); // into the acknowledged group: nothing is sent
      publish(second, scan("10.0.0.2", 2)); // into the notified group: an update, after group_interval
      await(() -> soc.accepted().size() == 4);
      Thread.sleep(1_500); // a group the second node took for new would be sent now
      assertThat(soc.accepted()).hasSize(4);

      JsonNode update = soc.accepted().get(3).body();
      assertThat(update.path("groupKey").asText()).isEqualTo(before.get("10.0.0.2").path("group_key").asText());
      assertThat(update.path("status").asText()).isEqualTo("firing");
      assertThat(fingerprints(update)).containsExactly(scan("10.0.0.2", 2).id(), b1.id());
      long notifiedOnFirst = before.get("10.0.0.2").path("last_notified_millis").asLong();
      assertThat(soc.attempts().get(3)).isGreaterThanOrEqualTo(notifiedOnFirst + GROUP_INTERVAL_MILLIS);

      Map<String, JsonNode> after = groups(second);
      assertThat(after.get("10.0.0.1").path("id")).isEqualTo(before.get("10.0.0.1").path("id"));
      assertThat(after.get("10.0.0.1").path("status").asText()).isEqualTo("acknowledged");
      assertThat(after.get("10.0.0.1").path("anomaly_ids")).hasSize(2);
      assertThat(after.get("10.0.0.2").path("id")).isEqualTo(before.get("10.0.0.2").path("id"));
    }
  }
}
