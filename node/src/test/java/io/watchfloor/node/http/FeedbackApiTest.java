package io.watchfloor.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.node.WatchfloorNode;
import io.watchfloor.node.http.auth.Tokens;
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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Analyst feedback over real HTTP: the masscan port scans are marked false positive; the same
 * capture replayed as a new segment then raises nothing; the verdicts are stored with their
 * author and audited.
 */
@ExtendWith(SharedCassandra.class)
class FeedbackApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String SCANNER = "172.31.15.102";
  private static final String TOKEN = Tokens.newToken();

  @TempDir static Path dir;
  static WatchfloorNode node;
  static SegmentStatus first;

  @BeforeAll
  static void analyse() throws Exception {
    node = TestNodes.start(TestNodes.config(SharedCassandra.freshKeyspace("feedback"),
        "watchfloor.http.auth { enabled = on, audit-log = \"" + dir.resolve("audit.log") + "\","
            + " tokens = [{ name = \"alice\", role = analyst, sha256 = \"" + Tokens.sha256(TOKEN) + "\" }] }\n"));
    first = TestNodes.capture(node, "masscan", TestPcaps.of("scan_masscan_tcp_0-1000.pcap"), Duration.ofSeconds(60));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void shouldRaiseNoAlertForTheSamePatternAfterAFalsePositive() throws Exception {
    assertThat(first.anomalies()).isPositive();
    JsonNode list = JSON.readTree(send("GET", "/api/v1/anomalies?host=" + SCANNER, null).body());
    for (JsonNode a : list.path("anomalies")) {
      String id = a.path("watchfloor.anomaly_id").asText();
      HttpResponse<String> r = send("POST", "/api/v1/anomalies/" + id + "/feedback",
          "{\"verdict\": \"false_positive\", \"comment\": \"our vulnerability scanner\"}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      JsonNode body = JSON.readTree(r.body());
      assertThat(body.path("author").asText()).isEqualTo("alice");
      assertThat(body.path("scope").asText()).isEqualTo("peer:198.124.152.15");
      assertThat(body.path("effect").asText()).contains("port_scan suppressed for " + SCANNER);
    }

    SegmentStatus again = TestNodes.capture(node, "masscan-again", TestPcaps.of("scan_masscan_tcp_0-1000.pcap"),
        Duration.ofSeconds(60));

    assertThat(again.windowsDelivered()).isPositive();
    assertThat(again.anomalies()).isZero();
    String id = list.path("anomalies").get(0).path("watchfloor.anomaly_id").asText();
    JsonNode stored = JSON.readTree(send("GET", "/api/v1/anomalies/" + id + "/feedback", null).body());
    assertThat(stored.path("feedback").get(0).path("comment").asText()).isEqualTo("our vulnerability scanner");
    List<String> audit = Files.readAllLines(dir.resolve("audit.log"));
    assertThat(audit).anySatisfy(l -> assertThat(l).contains("\"alice\"").contains("/feedback").contains("201"));
  }

  @Test
  void shouldRejectBadFeedbackWithJsonErrors() throws Exception {
    String id = "00000000-0000-0000-0000-000000000000";
    assertThat(send("POST", "/api/v1/anomalies/" + id + "/feedback", "{\"verdict\": \"maybe\"}").statusCode()).isEqualTo(400);
    assertThat(send("POST", "/api/v1/anomalies/" + id + "/feedback", "not json").statusCode()).isEqualTo(400);
    assertThat(send("POST", "/api/v1/anomalies/" + id + "/feedback",
        "{\"verdict\": \"true_positive\", \"expires_in\": \"forever\"}").statusCode()).isEqualTo(400);
    HttpResponse<String> unknown = send("POST", "/api/v1/anomalies/" + id + "/feedback", "{\"verdict\": \"true_positive\"}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.body()).path("error").asText()).contains("no anomaly");
  }

  private static HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + node.httpAddress() + path))
        .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
