package io.watchfloor.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.node.WatchfloorNode;
import io.watchfloor.node.testing.SharedCassandra;
import io.watchfloor.node.testing.TestNodes;
import io.watchfloor.node.testing.TestPcaps;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The host list and the anomaly stream over real HTTP: a client subscribed to the server-sent
 * events sees the port scan of the masscan capture as it is raised; the host list then ranks the
 * scanner first and filters and pages as asked.
 */
@ExtendWith(SharedCassandra.class)
class HostListAndStreamTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String SCANNER = "172.31.15.102";

  static WatchfloorNode node;
  static final List<String> events = new CopyOnWriteArrayList<>();
  static CompletableFuture<HttpResponse<Stream<String>>> stream;

  @BeforeAll
  static void analyseWhileStreaming() throws Exception {
    node = TestNodes.start(TestNodes.config(SharedCassandra.freshKeyspace("hostlist"),
        "watchfloor.host.idle-timeout = 1s\n"));
    stream = HTTP.sendAsync(
        HttpRequest.newBuilder(URI.create("http://" + node.httpAddress() + "/api/v1/anomalies/stream?detector=port_scan")).build(),
        HttpResponse.BodyHandlers.ofLines());
    HttpResponse<Stream<String>> r = stream.get(20, TimeUnit.SECONDS);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/event-stream");
    Thread reader = new Thread(() -> r.body().forEach(events::add), "sse-reader");
    reader.setDaemon(true);
    reader.start();
    Thread.sleep(500); // the subscription reaches the topic
    TestNodes.capture(node, "masscan", TestPcaps.of("scan_masscan_tcp_0-1000.pcap"), Duration.ofSeconds(60));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void shouldStreamTheScanAsAServerSentEvent() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (events.stream().noneMatch(l -> l.startsWith("data:")) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }

    assertThat(events).contains("event:anomaly");
    String data = events.stream().filter(l -> l.startsWith("data:")).findFirst().orElseThrow();
    JsonNode alert = JSON.readTree(data.substring("data:".length()));
    assertThat(alert.path("rule.name").asText()).isEqualTo("port_scan");
    assertThat(alert.path("source.ip").asText()).isEqualTo(SCANNER);
    assertThat(events).anySatisfy(l -> assertThat(l).isEqualTo("id:" + alert.path("watchfloor.anomaly_id").asText()));
  }

  @Test
  void shouldListHostsByScoreFilterByCidrAndPage() throws Exception {
    JsonNode all = awaitHosts("/api/v1/hosts?limit=1");

    assertThat(all.path("count").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(all.path("hosts")).hasSize(1);
    assertThat(all.path("hosts").get(0).path("host").asText()).isEqualTo(SCANNER);
    assertThat(all.path("hosts").get(0).path("score").asLong()).isPositive();

    JsonNode second = json(get("/api/v1/hosts?limit=1&offset=1"));
    assertThat(second.path("hosts").get(0).path("host").asText()).isNotEqualTo(SCANNER);

    JsonNode inCidr = json(get("/api/v1/hosts?cidr=172.31.0.0/16&sort=host"));
    assertThat(inCidr.path("hosts")).allSatisfy(h -> assertThat(h.path("host").asText()).startsWith("172.31."));
    assertThat(inCidr.path("count").asInt()).isEqualTo(1);
  }

  @Test
  void shouldRejectBadListParametersWithJsonErrors() throws Exception {
    for (String bad : List.of("cidr=10.1.2.3/8", "sort=loudest", "offset=-1", "limit=0", "ip=example.com", "site=a%20b")) {
      HttpResponse<String> r = get("/api/v1/hosts?" + bad);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(json(r).path("error").asText()).as(bad).isNotBlank();
    }
  }

  /** Hosts reach the list with their first snapshot (here: when they passivate after 1 s idle). */
  private static JsonNode awaitHosts(String path) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    JsonNode body = json(get(path));
    while (body.path("count").asInt() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(250);
      body = json(get(path));
    }
    return body;
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + node.httpAddress() + path))
        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }
}
