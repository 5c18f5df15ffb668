package io.watchfloor.node.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.node.WatchfloorNode;
import io.watchfloor.node.capture.CaptureSpec;
import io.watchfloor.node.testing.SharedCassandra;
import io.watchfloor.node.testing.TestNodes;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evidence of a live segment: a port scan on the loopback interface is captured through libpcap,
 * raises an anomaly, and its pcap comes back from the segment's packet ring with the scanner's
 * packets of the anomaly's window only (checked with capinfos and tshark). Needs root.
 */
@ExtendWith(SharedCassandra.class)
class LiveEvidenceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String SCANNER = "127.0.0.2";
  private static final String VICTIM = "127.0.0.3";
  private static final String CHATTER = "127.0.0.5";
  private static final int FIRST_PORT = 47_100;

  @TempDir static Path dir;
  static WatchfloorNode node;

  @BeforeAll
  static void startNode() {
    assumeTrue("root".equals(System.getProperty("user.name")), "live capture needs root");
    node = TestNodes.start(TestNodes.config(SharedCassandra.freshKeyspace("liveevidence"),
        "watchfloor.models.window.length = 1s\n"
            + "watchfloor.evidence.directory = \"" + dir.resolve("rings") + "\"\n"
            + "watchfloor.evidence.chunk-bytes = 64KiB\n"
            + "watchfloor.evidence.max-bytes = 4MiB\n"
            // the window itself: every exported packet must lie in it
            + "watchfloor.evidence.before = 0s\n"
            + "watchfloor.evidence.after = 0s\n"));
  }

  @AfterAll
  static void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void shouldExportTheScannersPacketsOfALiveAnomalyFromTheRing() throws Exception {
    node.startCaptureAndWait(CaptureSpec.ofInterface("lo-evidence", "lo",
        "host " + SCANNER + " or host " + CHATTER));
    JsonNode anomaly = scanUntilAnomaly(40_000);
    String id = anomaly.path("watchfloor.anomaly_id").asText();
    HttpResponse<byte[]> r = get("/api/v1/anomalies/" + id + "/pcap", HttpResponse.BodyHandlers.ofByteArray());

    assertThat(r.statusCode()).isEqualTo(200);
    long packets = Long.parseLong(r.headers().firstValue("X-Watchfloor-Packets").orElseThrow());
    assertThat(packets).isGreaterThanOrEqualTo(15); // at least the SYNs the detector's 15-port threshold needs
    Path pcap = dir.resolve(id + ".pcap");
    Files.write(pcap, r.body());
    assertThat(run("capinfos", "-c", "-M", pcap.toString())).contains("Number of packets:   " + packets);
    List<String> lines = run("tshark", "-r", pcap.toString(), "-T", "fields",
        "-e", "ip.src", "-e", "ip.dst", "-e", "frame.time_epoch").lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines).hasSize((int) packets);
    double from = Instant.parse(anomaly.path("event.start").asText()).toEpochMilli() / 1000.0;
    double to = Instant.parse(anomaly.path("event.end").asText()).toEpochMilli() / 1000.0;
    assertThat(lines).allSatisfy(l -> {
      String[] f = l.split("\t");
      assertThat(f[0] + " " + f[1]).contains(SCANNER).doesNotContain(CHATTER);
      assertThat(Double.parseDouble(f[2])).isBetween(from, to);
    });
  }

  /** TCP connection attempts to closed ports of one victim: refused by RST, a vertical scan. */
  private static void scan() {
    for (int port = FIRST_PORT; port < FIRST_PORT + 30; port++) {
      try (Socket s = new Socket()) {
        s.bind(new InetSocketAddress(SCANNER, 0));
        s.connect(new InetSocketAddress(VICTIM, port), 1_000);
      } catch (IOException refused) {
        // expected: nobody listens there
      }
    }
  }

  private static void chatter() throws Exception {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(CHATTER, 0))) {
      byte[] payload = new byte[64];
      for (int i = 0; i < 20; i++) {
        socket.send(new DatagramPacket(payload, payload.length, InetAddress.getByName("127.0.0.6"), 47_099));
        Thread.sleep(2);
      }
    }
  }

  /** Scans (and chatters beside it) again until a window shows it: a scan may straddle two windows. */
  private static JsonNode scanUntilAnomaly(long millis) throws Exception {
    long deadline = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < deadline) {
      chatter(); // another host's packets in the same ring: must not be exported
      scan();
      chatter();
      Thread.sleep(1_500);
      JsonNode body = JSON.readTree(get("/api/v1/anomalies?host=" + SCANNER + "&detector=port_scan&limit=10",
          HttpResponse.BodyHandlers.ofString()).body());
      if (body.path("count").asInt() > 0) {
        return body.path("anomalies").get(0);
      }
    }
    throw new AssertionError("no port_scan anomaly of " + SCANNER + " within " + millis + " ms; anomalies: "
        + get("/api/v1/anomalies?limit=20", HttpResponse.BodyHandlers.ofString()).body()
        + "; hosts: " + get("/api/v1/hosts", HttpResponse.BodyHandlers.ofString()).body()
        + "; segments: " + get("/api/v1/segments", HttpResponse.BodyHandlers.ofString()).body());
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
