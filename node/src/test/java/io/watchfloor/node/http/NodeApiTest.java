package io.watchfloor.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.node.WatchfloorNode;
import io.watchfloor.node.testing.SharedCassandra;
import io.watchfloor.node.testing.TestNodes;
import io.watchfloor.node.testing.TestPcaps;
import io.watchfloor.protocol.api.SegmentStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real node over real HTTP: analyses the masscan capture once, then answers queries; the last
 * tests restart the node against the same keyspace and find everything still there.
 */
@ExtendWith(SharedCassandra.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCANNER = "172.31.15.102";
  private static final String VICTIM = "198.124.152.15";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  static String keyspace;
  static WebhookReceiver webhook;
  static WatchfloorNode node;
  static SegmentStatus status;

  @BeforeAll
  static void analyseMasscan() throws Exception {
    keyspace = SharedCassandra.freshKeyspace("api");
    webhook = new WebhookReceiver();
    node = TestNodes.start(TestNodes.config(keyspace,
        "watchfloor.alerts.webhook.url = \"" + webhook.url() + "\"\n"
            + "watchfloor.alerts.jsonl-file = \"" + dir.resolve("alerts.jsonl") + "\"\n"));
    status = TestNodes.capture(node, "masscan", TestPcaps.of("scan_masscan_tcp_0-1000.pcap"), Duration.ofSeconds(60));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
    webhook.close();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://" + node.httpAddress() + path)).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).contains("application/json"));
    return JSON.readTree(r.body());
  }

  private static void awaitWebhook(int n) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    while (webhook.bodies().size() < n && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
  }

  @Test
  @Order(1)
  void shouldCompleteTheCaptureWithAnomalies() {
    assertThat(status.state()).isEqualTo("COMPLETED");
    assertThat(status.packets()).isEqualTo(1005);
    assertThat(status.anomalies()).isPositive();
  }

  @Test
  @Order(2)
  void shouldAnswerHealth() throws Exception {
    HttpResponse<String> r = get("/api/v1/health");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).path("cassandra").asText()).isEqualTo("up");
  }

  @Test
  @Order(2)
  void shouldListThisNodeAsTheOnlyClusterMember() throws Exception {
    HttpResponse<String> r = get("/api/v1/cluster/members");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.path("count").asInt()).isEqualTo(1);
    JsonNode me = body.path("members").get(0);
    assertThat(me.path("address").asText()).isEqualTo(body.path("self").asText()).startsWith("pekko://watchfloor@");
    assertThat(body.path("leader").asText()).isEqualTo(me.path("address").asText());
    assertThat(me.path("status").asText()).isEqualTo("Up");
    assertThat(me.path("data_center").asText()).isEqualTo("local");
    assertThat(me.path("reachable").asBoolean()).isTrue();
    assertThat(me.path("self").asBoolean()).isTrue();
    assertThat(me.path("roles").isArray()).isTrue();
    assertThat(me.path("roles").toString()).doesNotContain("dc-");
  }

  @Test
  @Order(3)
  void shouldListTheScannersAnomaliesFromCassandra() throws Exception {
    HttpResponse<String> r = get("/api/v1/anomalies?host=" + SCANNER + "&limit=10");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.path("count").asInt()).isEqualTo((int) status.anomalies());
    assertThat(body.path("anomalies").get(0).path("source.ip").asText()).isEqualTo(SCANNER);
    assertThat(body.path("anomalies").get(0).path("rule.name").asText()).isEqualTo("port_scan");
  }

  @Test
  @Order(4)
  void shouldFilterAnomaliesByTime() throws Exception {
    JsonNode before = json(get("/api/v1/anomalies?to=2019-08-21T00:00:00Z"));
    JsonNode during = json(get("/api/v1/anomalies?from=2019-08-21T18:00:00Z&to=2019-08-21T19:00:00Z"));
    assertThat(before.path("count").asInt()).isZero();
    assertThat(during.path("count").asInt()).isEqualTo((int) status.anomalies());
  }

  @Test
  @Order(5)
  void shouldShowAHostWithItsBaselineAndRecentAnomalies() throws Exception {
    HttpResponse<String> r = get("/api/v1/hosts/" + SCANNER);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.path("host").asText()).isEqualTo(SCANNER);
    assertThat(body.path("current_window").path("packets_out").asLong()).isPositive();
    assertThat(body.path("recent_anomalies")).isNotEmpty();
    assertThat(body.path("baseline").has("windows_learned")).isTrue();
    assertThat(body.path("model").path("baseline_windows").asLong())
        .isEqualTo(body.path("baseline").path("windows_learned").asLong());
    assertThat(body.path("model").path("neural").path("training").asText()).isIn("grace", "site_model", "trained");
    assertThat(body.path("model").path("suppressions").isArray()).isTrue();
    assertThat(body.path("top_peers").isArray()).isTrue();
    assertThat(body.path("top_ports").isArray()).isTrue();
    assertThat(body.path("top_peers").size()).isLessThanOrEqualTo(10);
  }

  @Test
  @Order(6)
  void shouldPostEveryAlertToTheWebhook() throws Exception {
    awaitWebhook((int) status.anomalies());
    assertThat(webhook.bodies()).hasSize((int) status.anomalies());
    JsonNode first = JSON.readTree(webhook.bodies().get(0));
    assertThat(first.path("rule.name").asText()).isEqualTo("port_scan");
    assertThat(first.path("source.ip").asText()).isEqualTo(SCANNER);
    assertThat(Files.readAllLines(dir.resolve("alerts.jsonl"))).hasSize((int) status.anomalies());
  }

  @Test
  @Order(7)
  void shouldRejectBadParametersWithJsonErrors() throws Exception {
    assertError(get("/api/v1/hosts/not-an-ip"), 400, "not an IPv4 or IPv6 address");
    assertError(get("/api/v1/anomalies?limit=0"), 400, "limit");
    assertError(get("/api/v1/anomalies?limit=lots"), 400, "limit");
    assertError(get("/api/v1/anomalies?from=yesterday"), 400, "from");
    assertError(get("/api/v1/anomalies?host=999.1.1.1"), 400, "host");
    assertError(get("/api/v1/anomalies?from=2020-01-02T00:00:00Z&to=2020-01-01T00:00:00Z"), 400, "before");
    assertError(get("/api/v1/anomalies/42"), 400, "UUID");
  }

  @Test
  @Order(8)
  void shouldAnswerNotFoundAsJson() throws Exception {
    assertError(get("/api/v1/hosts/10.99.99.99"), 404, "has not been seen");
    assertError(get("/api/v1/nothing-here"), 404, "");
    assertError(get("/api/v1/anomalies/00000000-0000-0000-0000-000000000000"), 404, "no anomaly");
  }

  @Test
  @Order(9)
  void shouldKeepAnomaliesAndLearnedStateAcrossARestart() throws Exception {
    node.close();
    node = TestNodes.start(TestNodes.config(keyspace, ""));

    JsonNode anomalies = json(get("/api/v1/anomalies?host=" + SCANNER));
    assertThat(anomalies.path("count").asInt()).isEqualTo((int) status.anomalies());
    JsonNode victim = json(get("/api/v1/hosts/" + VICTIM));
    assertThat(victim.path("baseline").path("windows_learned").asLong())
        .as("the victim's baseline is restored from its snapshot")
        .isPositive();
  }

  private static void assertError(HttpResponse<String> r, int status, String text) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(json(r).path("error").asText()).contains(text);
  }
}
