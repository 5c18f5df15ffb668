package io.watchfloor.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.node.WatchfloorNode;
import io.watchfloor.node.alert.RecordingReceiver;
import io.watchfloor.node.testing.SharedCassandra;
import io.watchfloor.node.testing.TestNodes;
import io.watchfloor.node.testing.TestPcaps;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real node with routing on: the masscan capture's port scans travel host entity → topic →
 * router → Cassandra outbox → a real webhook on loopback, and the alerting HTTP API works on them.
 */
@ExtendWith(SharedCassandra.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  static RecordingReceiver soc;
  static WatchfloorNode node;

  @BeforeAll
  static void start() throws Exception {
    soc = new RecordingReceiver();
    node = TestNodes.start(TestNodes.config(SharedCassandra.freshKeyspace("alertapi"), """
        watchfloor.alerting {
          enabled = on
          tick = 100ms
          delivery { min-backoff = 100ms, poll-interval = 500ms }
          receivers = [ { name = soc, webhook_configs = [ { url = "%s" } ] }, { name = dataprotection } ]
          route {
            receiver = soc
            group_by = [host, "rule.name"]
            group_wait = 0s
            routes = [ { matchers = ["rule.name=exfiltration", "source.ip=10.20.0.0/16"], receiver = dataprotection } ]
          }
        }
        """.formatted(soc.url("/hook"))));
    TestNodes.capture(node, "masscan", TestPcaps.of("scan_masscan_tcp_0-1000.pcap"), Duration.ofSeconds(60));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
    soc.close();
  }

  private static HttpResponse<String> call(String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + node.httpAddress() + "/api/v1/" + path))
        .timeout(Duration.ofSeconds(20));
    b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
        : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  private static void awaitAccepted(int n) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    while (soc.accepted().size() < n && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertThat(soc.accepted()).hasSizeGreaterThanOrEqualTo(n);
  }

  @Test
  @Order(1)
  void shouldDeliverTheScanToTheWebhookAndListItsGroup() throws Exception {
    awaitAccepted(1);
    JsonNode first = soc.accepted().get(0).body();
    assertThat(first.path("receiver").asText()).isEqualTo("soc");
    assertThat(first.path("alerts").get(0).path("labels").path("rule.name").asText()).isEqualTo("port_scan");
    JsonNode alerts = json(call("GET", "alerts", null));
    assertThat(alerts.path("count").asInt()).isPositive();
    JsonNode group = alerts.path("alerts").get(0);
    assertThat(group.path("receiver").asText()).isEqualTo("soc");
    assertThat(group.path("status").asText()).isEqualTo("firing");
    assertThat(group.path("group_key").asText()).contains("rule.name=\"port_scan\"");
  }

  @Test
  @Order(2)
  void shouldAcknowledgeThenResolveAGroupAndTellTheReceiver() throws Exception {
    String id = json(call("GET", "alerts", null)).path("alerts").get(0).path("id").asText();
    int before = soc.accepted().size();
    HttpResponse<String> ack = call("POST", "alerts/" + id + "/acknowledge", null);
    assertThat(ack.statusCode()).isEqualTo(200);
    assertThat(json(ack).path("status").asText()).isEqualTo("acknowledged");
    awaitAccepted(before + 1);
    assertThat(soc.accepted().get(before).body().path("alerts").get(0).path("annotations").path("watchfloor_status").asText())
        .isEqualTo("acknowledged");
    assertThat(call("POST", "alerts/" + id + "/resolve", null).statusCode()).isEqualTo(200);
    awaitAccepted(before + 2);
    assertThat(soc.accepted().get(before + 1).body().path("status").asText()).isEqualTo("resolved");
    assertThat(call("POST", "alerts/" + id + "/resolve", null).statusCode()).isEqualTo(404);
  }

  @Test
  @Order(3)
  void shouldRefuseBadAlertIdsAndActionsAsJson() throws Exception {
    HttpResponse<String> bad = call("POST", "alerts/not-an-id/acknowledge", null);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).path("error").asText()).contains("not 16 hex digits");
    assertThat(call("POST", "alerts/0123456789abcdef/explode", null).statusCode()).isEqualTo(404);
  }

  @Test
  @Order(4)
  void shouldCreateListAndExpireSilences() throws Exception {
    HttpResponse<String> created = call("POST", "silences", """
        {"matchers": ["host=10.0.0.9", "rule.name=~port_scan|flood"], "ends_at": "2099-01-01T00:00:00Z",
         "created_by": "alice", "comment": "scanner under maintenance"}""");
    assertThat(created.statusCode()).isEqualTo(201);
    String id = json(created).path("id").asText();
    assertThat(json(created).path("state").asText()).isEqualTo("active");
    JsonNode list = json(call("GET", "silences", null));
    assertThat(list.path("silences").findValuesAsText("id")).contains(id);
    HttpResponse<String> expired = call("DELETE", "silences/" + id, null);
    assertThat(expired.statusCode()).isEqualTo(200);
    assertThat(json(expired).path("state").asText()).isEqualTo("expired");
    assertThat(call("DELETE", "silences/no-such-silence", null).statusCode()).isEqualTo(404);
  }

  @Test
  @Order(5)
  void shouldRefuseBadSilencesWithTheReason() throws Exception {
    assertThat(json(call("POST", "silences", "{\"matchers\": [], \"ends_at\": \"2099-01-01T00:00:00Z\", \"created_by\": \"a\"}"))
        .path("error").asText()).contains("at least one matcher");
    assertThat(json(call("POST", "silences", "{\"matchers\": [\"host=~(\"], \"ends_at\": \"2099-01-01T00:00:00Z\", \"created_by\": \"a\"}"))
        .path("error").asText()).contains("not a regular expression");
    HttpResponse<String> noEnd = call("POST", "silences", "{\"matchers\": [\"host=1.2.3.4\"], \"created_by\": \"a\"}");
    assertThat(noEnd.statusCode()).isEqualTo(400);
    assertThat(json(noEnd).path("error").asText()).contains("ends_at is required");
    assertThat(call("POST", "silences", "not json").statusCode()).isEqualTo(400);
  }

  @Test
  @Order(6)
  void shouldShowTheRouteALabelSetTakes() throws Exception {
    JsonNode exfil = json(call("POST", "routes/test",
        "{\"labels\": {\"rule.name\": \"exfiltration\", \"source.ip\": \"10.20.4.4\", \"host\": \"10.20.4.4\"}}"));
    assertThat(exfil.path("receivers").toString()).isEqualTo("[\"dataprotection\"]");
    assertThat(exfil.path("routes").get(0).path("route").asText()).isEqualTo("route.routes[0]");
    assertThat(exfil.path("routes").get(0).path("sends_now").asBoolean()).isTrue();
    JsonNode other = json(call("POST", "routes/test", "{\"labels\": {\"rule.name\": \"exfiltration\", \"source.ip\": \"10.21.4.4\"}}"));
    assertThat(other.path("receivers").toString()).isEqualTo("[\"soc\"]");
    HttpResponse<String> bad = call("POST", "routes/test", "{\"labels\": [1, 2]}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).path("error").asText()).contains("labels must be an object");
  }
}
