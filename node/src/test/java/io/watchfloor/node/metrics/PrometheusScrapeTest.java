package io.watchfloor.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.node.WatchfloorNode;
import io.watchfloor.node.testing.SharedCassandra;
import io.watchfloor.node.testing.TestNodes;
import io.watchfloor.node.testing.TestPcaps;
import io.watchfloor.protocol.api.SegmentStatus;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian package {@code prometheus}, installed by {@code ops/install-deps
 * --for-tests}) scrapes a node that analysed the masscan capture, and its query API returns the
 * node's packet count and the port scan it raised.
 */
@ExtendWith(SharedCassandra.class)
class PrometheusScrapeTest {
  private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  static WatchfloorNode node;
  static SegmentStatus status;

  @BeforeAll
  static void analyse() throws Exception {
    node = TestNodes.start(TestNodes.config(SharedCassandra.freshKeyspace("metrics"), ""));
    status = TestNodes.capture(node, "masscan", TestPcaps.of("scan_masscan_tcp_0-1000.pcap"), Duration.ofSeconds(60));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void shouldExposeCaptureAnomalyAndCassandraMetricsInPrometheusFormat() throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + node.httpAddress() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/plain"));
    assertThat(r.body())
        .contains("# TYPE watchfloor_packets_total counter")
        .contains("watchfloor_packets_total{segment=\"masscan\"} " + status.packets())
        .contains("watchfloor_anomalies_total{detector=\"port_scan\",severity=")
        .contains("watchfloor_cassandra_request_seconds_count ")
        .containsPattern("watchfloor_hosts_active [1-9]")
        .contains("# TYPE watchfloor_stage_latency_seconds histogram")
        .contains("watchfloor_stage_latency_seconds_bucket{stage=\"window_delivery\",le=\"+Inf\"} "
            + status.windowsDelivered())
        .contains("watchfloor_stage_latency_seconds_count{stage=\"window_delivery\"} " + status.windowsDelivered())
        .contains("watchfloor_stage_latency_seconds_bucket{stage=\"host_analysis\",le=\"0.001\"} ")
        .containsPattern("watchfloor_stage_latency_seconds_count\\{stage=\"host_analysis\"\\} [1-9]")
        .containsPattern("watchfloor_stage_latency_seconds_count\\{stage=\"cassandra_write\"\\} [1-9]")
        .contains("watchfloor_stage_latency_seconds_count{stage=\"alert_routing\"} ")
        .contains("watchfloor_stage_latency_seconds_count{stage=\"alert_delivery\"} ")
        .contains("# TYPE watchfloor_hosts_passivated_total counter");
  }

  @Test
  void shouldBeScrapedAndQueriedByARealPrometheus() throws Exception {
    assertThat(PROMETHEUS).as("prometheus is missing: run ops/install-deps --for-tests").isExecutable();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, """
        global:
          scrape_interval: 1s
        scrape_configs:
          - job_name: watchfloor
            static_configs:
              - targets: ["%s"]
        """.formatted(node.httpAddress()));
    Process prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
        "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    try {
      JsonNode packets = awaitSeries(port, "watchfloor_packets_total{segment=\"masscan\"}");
      JsonNode scans = awaitSeries(port, "sum(watchfloor_anomalies_total{detector=\"port_scan\"})");
      JsonNode deliveries = awaitSeries(port, "watchfloor_stage_latency_seconds_count{stage=\"window_delivery\"}");
      JsonNode p99 = awaitSeries(port,
          "histogram_quantile(0.99, sum by (le) (watchfloor_stage_latency_seconds_bucket{stage=\"host_analysis\"}))");

      assertThat(packets.get(0).path("value").get(1).asText()).isEqualTo(Long.toString(status.packets()));
      assertThat(packets.get(0).path("metric").path("job").asText()).isEqualTo("watchfloor");
      assertThat(scans.get(0).path("value").get(1).asDouble()).isEqualTo(status.anomalies());
      assertThat(deliveries.get(0).path("value").get(1).asLong()).isEqualTo(status.windowsDelivered());
      assertThat(p99.get(0).path("value").get(1).asDouble()).isPositive().isLessThanOrEqualTo(30);
    } finally {
      prometheus.destroy();
      if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
        prometheus.destroyForcibly();
      }
    }
  }

  /** Polls Prometheus's query API until the query returns a series (at most 60 s). */
  private static JsonNode awaitSeries(int port, String query) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
        + URLEncoder.encode(query, StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        last = r.body();
        JsonNode result = JSON.readTree(last).path("data").path("result");
        if (r.statusCode() == 200 && result.size() > 0) {
          return result;
        }
      } catch (java.io.IOException notUpYet) {
        last = notUpYet.toString();
      }
      Thread.sleep(500);
    }
    throw new AssertionError("Prometheus returned no series for " + query + " within 60 s; last answer: " + last
        + "; log: " + Files.readString(dir.resolve("prometheus.log")));
  }
}
