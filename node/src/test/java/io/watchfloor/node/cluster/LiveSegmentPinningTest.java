package io.watchfloor.node.cluster;

import static io.watchfloor.node.cluster.ClusterWaits.await;
import static io.watchfloor.node.cluster.ClusterWaits.freePorts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.node.testing.SharedCassandra;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live segment stays on the node of its interface. Three node JVMs on loopback, one site: b
 * captures {@code lo} (its configured source); the segment must run on b, keep running there when
 * another node (a) is killed, wait without capturing on the surviving node (c) while b is down —
 * c's {@code lo} is the same interface here, so capturing it there would show at once — and capture
 * again on b once b is restarted with the same address and config. Port scans from a different
 * loopback address in each phase tell which phase's traffic raised anomalies. Needs root.
 */
@ExtendWith(SharedCassandra.class)
class LiveSegmentPinningTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SEGMENT = "lo-pinned";
  /** Test traffic only: loopback also carries the cluster's and Cassandra's own. */
  private static final String NET = "127.0.20.0/24";
  private static final String VICTIM = "127.0.20.2";
  private static final Duration READY = Duration.ofSeconds(120);
  private static final Duration MEMBERSHIP = Duration.ofSeconds(30);
  private static final Duration ANOMALY = Duration.ofSeconds(45);
  /**
   * Sharding rebalances every 10 s; the restarted node's source asks the segment to move there, and
   * asks again after 10 s if its Start was lost in the hand-off.
   */
  private static final Duration BACK_ON_B = Duration.ofSeconds(60);

  @TempDir static Path dir;

  @Test
  void shouldCaptureALiveSegmentOnlyOnTheNodeOfItsInterface() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "live capture needs root");
    String keyspace = SharedCassandra.freshKeyspace("pinning");
    int[] cluster = freePorts(3);
    // c has the lowest address: once a is gone, it is the side that stays up when b goes too
    Arrays.sort(cluster);
    int[] http = freePorts(3);
    int[] mgmt = freePorts(3);
    String seeds = "[\"127.0.0.1:" + cluster[0] + "\", \"127.0.0.1:" + cluster[1] + "\"]";
    String cAddress = "pekko://watchfloor@127.0.0.1:" + cluster[0];
    String bAddress = "pekko://watchfloor@127.0.0.1:" + cluster[2];
    String bConfig = config(keyspace, cluster[2], http[2], mgmt[2], seeds, "b",
        "capture.sources = [{ segment = \"" + SEGMENT + "\", interface = lo, filter = \"net " + NET + "\" }]");
    List<NodeProcess> nodes = new ArrayList<>();
    long began = System.nanoTime();
    try {
      NodeProcess c = start(nodes, "c", config(keyspace, cluster[0], http[0], mgmt[0], seeds, "c", ""), http[0], mgmt[0]);
      c.awaitReady(READY); // first alone: it creates the keyspace
      NodeProcess a = start(nodes, "a", config(keyspace, cluster[1], http[1], mgmt[1], seeds, "a", ""), http[1], mgmt[1]);
      NodeProcess b = start(nodes, "b", bConfig, http[2], mgmt[2]);
      a.awaitReady(READY);
      b.awaitReady(READY);
      lap("three nodes up", began);

      // 1. The segment runs on b, and its capture there sees b's loopback traffic.
      b.awaitOutput("Segment " + SEGMENT + ": capturing", READY);
      await("segment running on b", () -> segment(b).filter(s -> running(s, bAddress)).isPresent(), MEMBERSHIP);
      assertThat(c.shards("SegmentCapture")).as("segment shards on c").doesNotContain(SEGMENT);
      assertThat(a.shards("SegmentCapture")).as("segment shards on a").doesNotContain(SEGMENT);
      assertThat(b.shards("SegmentCapture")).as("segment shards on b").contains(SEGMENT);
      scanUntilAnomaly(b, "127.0.20.11", Instant.EPOCH);
      JsonNode before = segment(b).orElseThrow();
      assertThat(before.path("packets").asLong()).as("packets captured on b").isPositive();
      lap("captured on b: " + before, began);

      // 2. Another node dies: the segment keeps its capture run on b.
      Instant aKilled = Instant.now();
      a.kill();
      scanUntilAnomaly(b, "127.0.20.12", aKilled);
      JsonNode after = segment(b).orElseThrow();
      assertThat(running(after, bAddress)).as("still running on b: " + after).isTrue();
      assertThat(after.path("started_at_millis").asLong()).as("same capture run").isEqualTo(before.path("started_at_millis").asLong());
      assertThat(after.path("anomalies").asLong()).as("anomalies delivered").isGreaterThan(before.path("anomalies").asLong());
      assertThat(b.shards("SegmentCapture")).contains(SEGMENT);
      await("a removed from the cluster", () -> !c.membersOrError().containsKey("127.0.0.1:" + cluster[1]), MEMBERSHIP);
      lap("a killed, b still capturing", began);

      // 3. The segment's own node dies: the segment waits on c, captures nothing, then returns to b.
      b.kill();
      await("b removed from the cluster", () -> !c.membersOrError().containsKey("127.0.0.1:" + cluster[2]), MEMBERSHIP);
      await("segment waiting on c for b", () -> segment(c).filter(s -> waitingFor(s, cAddress, bAddress)).isPresent(),
          MEMBERSHIP);
      assertThat(c.shards("SegmentCapture")).contains(SEGMENT);
      LoopbackScan.run("127.0.20.14", VICTIM); // while b is down: nobody may capture it
      Thread.sleep(2_000);
      JsonNode waiting = segment(c).orElseThrow();
      assertThat(waiting.path("state").asText()).as("on c: " + waiting).isEqualTo("WAITING");
      assertThat(waiting.path("packets").asLong()).as("packets captured on c").isZero();
      lap("b killed, segment waiting on c", began);

      NodeProcess b2 = start(nodes, "b-restarted", bConfig, http[2], mgmt[2]);
      b2.awaitReady(READY);
      // the restarted node's configured source: started, whether the segment resumed by itself first or not
      b2.awaitOutput("Segment " + SEGMENT + ": capturing", BACK_ON_B);
      await("segment running on b again", () -> segment(b2).filter(s -> running(s, bAddress)).isPresent(), MEMBERSHIP);
      assertThat(b2.shards("SegmentCapture")).contains(SEGMENT);
      assertThat(c.shards("SegmentCapture")).doesNotContain(SEGMENT);
      lap("segment back on b", began);
      scanUntilAnomaly(b2, "127.0.20.13", Instant.EPOCH);
      assertThat(anomalies(b2, "127.0.20.14")).as("anomalies of the scan while b was down").isZero();
      lap("captured on b again", began);
    } catch (AssertionError | Exception e) {
      NodeProcess.printLogTails(nodes);
      throw e;
    } finally {
      for (NodeProcess n : nodes) {
        n.kill();
      }
    }
  }

  private static boolean running(JsonNode s, String node) {
    return "RUNNING".equals(s.path("state").asText()) && node.equals(s.path("node").asText());
  }

  private static boolean waitingFor(JsonNode s, String on, String interfaceNode) {
    return "WAITING".equals(s.path("state").asText()) && on.equals(s.path("node").asText())
        && s.path("error").asText().contains(interfaceNode);
  }

  /** The segment as the node's segment list shows it, if listed. */
  private static Optional<JsonNode> segment(NodeProcess n) {
    try {
      for (JsonNode s : JSON.readTree(n.api("/api/v1/segments").body()).path("segments")) {
        if (SEGMENT.equals(s.path("segment").asText())) {
          return Optional.of(s);
        }
      }
    } catch (Exception e) {
      // not answering yet: not listed
    }
    return Optional.empty();
  }

  /** Scans again until a port_scan anomaly of the scanner that began at or after {@code since} is stored. */
  private static void scanUntilAnomaly(NodeProcess n, String scanner, Instant since) throws Exception {
    long deadline = System.nanoTime() + ANOMALY.toNanos();
    while (System.nanoTime() < deadline) {
      LoopbackScan.run(scanner, VICTIM);
      Thread.sleep(1_500);
      if (anomalies(n, scanner, a -> !Instant.parse(a.path("event.start").asText()).isBefore(since.minusSeconds(1))) > 0) {
        return;
      }
    }
    throw new AssertionError("no port_scan anomaly of " + scanner + " since " + since + " within " + ANOMALY
        + "; segments on " + n.name + ": " + n.api("/api/v1/segments").body());
  }

  private static long anomalies(NodeProcess n, String scanner) throws Exception {
    return anomalies(n, scanner, a -> true);
  }

  private static long anomalies(NodeProcess n, String scanner, Predicate<JsonNode> which) throws Exception {
    JsonNode body = JSON.readTree(n.api("/api/v1/anomalies?host=" + scanner + "&detector=port_scan&limit=10").body());
    long count = 0;
    for (JsonNode a : body.path("anomalies")) {
      if (which.test(a)) {
        count++;
      }
    }
    return count;
  }

  private static NodeProcess start(List<NodeProcess> nodes, String name, String hocon, int httpPort, int mgmtPort)
      throws Exception {
    NodeProcess n = NodeProcess.start(name, dir, hocon, httpPort, mgmtPort);
    nodes.add(n);
    return n;
  }

  private static String config(String keyspace, int clusterPort, int httpPort, int mgmtPort, String seeds,
      String name, String extra) {
    return NodeProcess.config("a", keyspace, clusterPort, httpPort, mgmtPort, seeds,
        "models.window.length = 1s",
        "evidence.directory = \"" + dir.resolve(name + "-rings") + "\"",
        extra);
  }

  private static void lap(String what, long began) {
    System.out.printf("pinning: %s after %.1f s%n", what, (System.nanoTime() - began) / 1e9);
  }
}
