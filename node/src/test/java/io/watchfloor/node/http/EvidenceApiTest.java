package io.watchfloor.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.node.WatchfloorNode;
import io.watchfloor.node.testing.SharedCassandra;
import io.watchfloor.node.testing.TestNodes;
import io.watchfloor.node.testing.TestPcaps;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packets behind an anomaly, over real HTTP, checked with Wireshark's own tools: the RAT
 * capture's exfiltration anomaly yields a pcap that capinfos reads and whose every packet tshark
 * shows to or from the infected host.
 */
@ExtendWith(SharedCassandra.class)
class EvidenceApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String RAT = "172.16.0.114";

  @TempDir static Path dir;
  static WatchfloorNode node;

  @BeforeAll
  static void analyse() throws Exception {
    node = TestNodes.start(TestNodes.config(SharedCassandra.freshKeyspace("evidence"), ""));
    TestNodes.capture(node, "rat", TestPcaps.of("c2_rat_periodic_upload.pcapng"), Duration.ofSeconds(60));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void shouldHandOverTheHostsPacketsOfTheAnomalyAsAPcapThatTsharkReads() throws Exception {
    JsonNode anomalies = JSON.readTree(get("/api/v1/anomalies?host=" + RAT + "&limit=10", HttpResponse.BodyHandlers.ofString()).body());
    assertThat(anomalies.path("count").asInt()).isPositive();
    String id = anomalies.path("anomalies").get(0).path("watchfloor.anomaly_id").asText();

    HttpResponse<byte[]> r = get("/api/v1/anomalies/" + id + "/pcap", HttpResponse.BodyHandlers.ofByteArray());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/vnd.tcpdump.pcap");
    assertThat(r.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).contains(id + ".pcap"));
    long packets = Long.parseLong(r.headers().firstValue("X-Watchfloor-Packets").orElseThrow());
    assertThat(packets).isPositive();
    Path pcap = dir.resolve(id + ".pcap");
    Files.write(pcap, r.body());

    String info = run("capinfos", "-c", "-M", pcap.toString());
    assertThat(info).contains("Number of packets:   " + packets);
    List<String> endpoints = run("tshark", "-r", pcap.toString(), "-T", "fields", "-e", "ip.src", "-e", "ip.dst")
        .lines().filter(l -> !l.isBlank()).toList();
    assertThat(endpoints).hasSize((int) packets).allSatisfy(l -> assertThat(l).contains(RAT));
  }

  @Test
  void shouldShowTheSegmentsCaptureStatistics() throws Exception {
    JsonNode body = JSON.readTree(get("/api/v1/segments", HttpResponse.BodyHandlers.ofString()).body());

    assertThat(body.path("count").asInt()).isEqualTo(1);
    JsonNode rat = body.path("segments").get(0);
    assertThat(rat.path("segment").asText()).isEqualTo("rat");
    assertThat(rat.path("state").asText()).isEqualTo("COMPLETED");
    assertThat(rat.path("packets").asLong()).isEqualTo(779);
    assertThat(rat.path("anomalies").asLong()).isPositive();
  }

  @Test
  void shouldFilterAnomaliesByDetectorAndLeastSeverity() throws Exception {
    JsonNode beacons = JSON.readTree(get("/api/v1/anomalies?detector=beaconing", HttpResponse.BodyHandlers.ofString()).body());
    JsonNode all = JSON.readTree(get("/api/v1/anomalies", HttpResponse.BodyHandlers.ofString()).body());
    JsonNode critical = JSON.readTree(get("/api/v1/anomalies?severity=critical", HttpResponse.BodyHandlers.ofString()).body());

    assertThat(beacons.path("count").asInt()).isPositive().isLessThan(all.path("count").asInt());
    assertThat(beacons.path("anomalies")).allSatisfy(a -> assertThat(a.path("rule.name").asText()).isEqualTo("beaconing"));
    assertThat(critical.path("anomalies")).allSatisfy(a -> assertThat(a.path("event.severity").asInt()).isEqualTo(99));
    assertThat(get("/api/v1/anomalies?severity=loud", HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
    assertThat(get("/api/v1/anomalies?detector=Port-Scan", HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
  }

  @Test
  void shouldAnswerJsonErrorsForUnknownAndMalformedIds() throws Exception {
    HttpResponse<String> unknown = get("/api/v1/anomalies/00000000-0000-0000-0000-000000000000/pcap",
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> malformed = get("/api/v1/anomalies/not-a-uuid/pcap", HttpResponse.BodyHandlers.ofString());

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.body()).path("error").asText()).contains("no anomaly");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(malformed.body()).path("error").asText()).contains("not a UUID");
  }

  private static <T> HttpResponse<T> get(String path, HttpResponse.BodyHandler<T> handler) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + node.httpAddress() + path))
        .timeout(Duration.ofSeconds(30)).build(), handler);
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(err)).isZero();
    return out;
  }
}
