package io.watchfloor.node.cluster;

import static io.watchfloor.node.cluster.ClusterWaits.await;
import static io.watchfloor.node.cluster.ClusterWaits.freePorts;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.node.WatchfloorNode;
import io.watchfloor.node.testing.SharedCassandra;
import io.watchfloor.node.testing.TestNodes;
import io.watchfloor.node.testing.TestPcaps;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Three node JVMs on loopback, two sites (a: two nodes, b: one). Site a's second node captures the
 * first halves of labeled pcaps, at a bounded rate so that it is killed with SIGKILL mid-stream (or,
 * in a rolling restart, stopped mid-stream and after the second halves the other old node too):
 * its segments re-home to the other node of site a and replay there; a new node of site a captures
 * the second halves. Everything must come out as if one node had done it all: the same anomalies,
 * each stored once, and every host's baseline continuing from its snapshot instead of starting
 * again.
 */
@ExtendWith(SharedCassandra.class)
class ClusterFailoverTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration READY = Duration.ofSeconds(120);
  private static final String SITE = "a";
  /** The doomed node delivers this many windows per second and segment: slow enough to be caught mid-stream. */
  private static final int DOOMED_WINDOWS_PER_SECOND = 4;

  @TempDir static Path dir;
  static CqlSession session;
  /** What one node makes of the same captures; computed once for both disruptions. */
  static Outcome expected;
  static final Map<String, String> firstHalves = new LinkedHashMap<>();
  static final Map<String, String> secondHalves = new LinkedHashMap<>();

  @BeforeAll
  static void splitCaptures() throws Exception {
    session = SharedCassandra.newSession();
    split("ssh", "bruteforce_ssh_guessing.pcap", 215);
    split("dns", "dnstunnel_c2_cmds_over_txt.pcap", 150);
    split("smb", "lateral_smb_psexec_add_user.pcap", 200);
    firstHalves.put("scan", TestPcaps.of("scan_masscan_tcp_0-1000.pcap").toString());
  }

  @AfterAll
  static void close() {
    session.close();
  }

  private static void split(String name, String pcap, int firstPackets) throws Exception {
    Path one = dir.resolve(name + "-1.pcap");
    Path two = dir.resolve(name + "-2.pcap");
    PcapSplit.split(TestPcaps.of(pcap), firstPackets, one, two);
    firstHalves.put(name + "-1", one.toString());
    secondHalves.put(name + "-2", two.toString());
  }

  /** How site a's capturing node goes away. */
  enum Disruption {
    /** SIGKILL: no hand-off, the split-brain resolver downs it. */
    KILL,
    /** Rolling restart: SIGTERM to it, a new node, then SIGTERM to the other old node too. */
    ROLLING_RESTART
  }

  @ParameterizedTest
  @EnumSource(Disruption.class)
  void shouldLoseAndDuplicateNothingWhenANodeGoesAway(Disruption disruption) throws Exception {
    if (expected == null) {
      expected = referenceRun();
    }
    String keyspace = SharedCassandra.freshKeyspace("failover");
    int[] cluster = freePorts(3);
    Arrays.sort(cluster); // a1 has the lowest address: it survives a 1-1 split in site a
    int[] http = freePorts(3);
    int[] mgmt = freePorts(3);
    String seeds = "[\"127.0.0.1:" + cluster[0] + "\", \"127.0.0.1:" + cluster[1] + "\"]";
    List<NodeProcess> nodes = new ArrayList<>();
    try {
      // One after the other: two nodes creating a fresh keyspace at once can race in Cassandra's schema.
      NodeProcess a1 = node(nodes, "a1", "a", cluster[0], http[0], mgmt[0], seeds, keyspace, Map.of(), "");
      a1.awaitReady(READY);
      NodeProcess b1 = node(nodes, "b1", "b", cluster[1], http[1], mgmt[1], seeds, keyspace, Map.of(), "");
      b1.awaitReady(READY);
      NodeProcess a2 = node(nodes, "a2", "a", cluster[2], http[2], mgmt[2], seeds, keyspace, firstHalves,
          "capture.max-windows-per-second = " + DOOMED_WINDOWS_PER_SECOND);
      a2.awaitReady(READY);
      await("a2 delivering every first half, one still running, hosts on a2",
          () -> midStream(a2, firstHalves.keySet()), Duration.ofSeconds(120));
      assertThat(a1.members()).containsEntry("127.0.0.1:" + cluster[2], "a Up");
      assertThat(allCompleted(keyspace, firstHalves.keySet())).as("first halves not all captured yet").isFalse();

      long goneAt = System.nanoTime();
      if (disruption == Disruption.KILL) {
        a2.kill();
      } else {
        a2.stop();
      }
      await("a2 removed from the cluster", () -> !a1.membersOrError().containsKey("127.0.0.1:" + cluster[2]),
          Duration.ofSeconds(60));
      await("a2's segments re-homed on a1", () -> shardsSafe(a1, "SegmentCapture").containsAll(firstHalves.keySet()),
          Duration.ofSeconds(60));
      System.out.printf("%s: a2's segments re-homed in %.1f s%n", disruption, (System.nanoTime() - goneAt) / 1e9);
      await("first halves captured on a1", () -> allCompleted(keyspace, firstHalves.keySet()), Duration.ofSeconds(120));
      System.out.printf("%s: first halves complete %.1f s after a2 went%n", disruption, (System.nanoTime() - goneAt) / 1e9);

      // a3's ports are taken now, not at the start: by then a port free at the start can be in use.
      int[] late = freePorts(3);
      NodeProcess a3 = node(nodes, "a3", "a", late[0], late[1], late[2], seeds, keyspace, secondHalves, "");
      a3.awaitReady(READY);
      await("second halves captured", () -> allCompleted(keyspace, secondHalves.keySet()), Duration.ofSeconds(120));

      Outcome actual = outcome(keyspace);
      assertThat(actual.anomalyIds()).as("anomalies, each once").isEqualTo(expected.anomalyIds());
      assertThat(actual.rowsByHost()).as("rows per host in anomalies_by_host").isEqualTo(expected.rowsByHost());
      assertThat(actual.windowsByHost()).as("windows learned per host").isEqualTo(expected.windowsByHost());
      List<NodeProcess> survivors = List.of(a1, a3);
      if (disruption == Disruption.ROLLING_RESTART) {
        a1.stop();
        await("a1 removed from the cluster", () -> !a3.membersOrError().containsKey("127.0.0.1:" + cluster[0]),
            Duration.ofSeconds(60));
        survivors = List.of(a3);
      }
      assertThat(survivors.get(0).members().values()).containsOnly("a Up", "b Up");
      List<NodeProcess> answering = new ArrayList<>(survivors);
      answering.add(b1); // another site: answers through a proxy to site a's shards
      for (NodeProcess survivor : answering) {
        for (Map.Entry<String, Long> host : expected.windowsByHost().entrySet()) {
          HttpResponse<String> r = survivor.api("/api/v1/hosts/" + host.getKey() + "?site=" + SITE);
          assertThat(r.statusCode()).as(survivor.name + " " + host.getKey()).isEqualTo(200);
          assertThat(JSON.readTree(r.body()).path("baseline").path("windows_learned").asLong())
              .as(survivor.name + " " + host.getKey()).isEqualTo(host.getValue());
        }
      }
    } catch (AssertionError | Exception e) {
      NodeProcess.printLogTails(nodes);
      throw e;
    } finally {
      for (NodeProcess n : nodes) {
        n.stop();
      }
    }
  }

  /** The same captures through one in-process node: what the cluster must end up with. */
  private static Outcome referenceRun() throws Exception {
    String keyspace = SharedCassandra.freshKeyspace("failover_ref");
    try (WatchfloorNode node =
        TestNodes.start(TestNodes.config(keyspace, "watchfloor.site = a\nwatchfloor.host.snapshot-every-windows = 1\n"))) {
      for (Map<String, String> batch : List.of(firstHalves, secondHalves)) {
        for (Map.Entry<String, String> segment : batch.entrySet()) {
          TestNodes.capture(node, segment.getKey(), Path.of(segment.getValue()), Duration.ofSeconds(60));
        }
      }
    }
    Outcome o = outcome(keyspace);
    assertThat(o.anomalyIds()).as("reference anomalies").isNotEmpty();
    return o;
  }

  record Outcome(Set<String> anomalyIds, Map<String, Long> rowsByHost, Map<String, Long> windowsByHost) {}

  private static Outcome outcome(String keyspace) {
    Set<String> ids = new HashSet<>();
    for (Row r : session.execute("SELECT id FROM " + keyspace + ".anomalies_by_id")) {
      ids.add(r.getString(0));
    }
    Map<String, Long> windows = new HashMap<>();
    Map<String, Long> rows = new HashMap<>();
    for (Row r : session.execute("SELECT site, host, windows_seen FROM " + keyspace + ".host_snapshots")) {
      assertThat(r.getString(0)).isEqualTo(SITE);
      windows.put(r.getString(1), r.getLong(2));
      long n = session.execute("SELECT count(*) FROM " + keyspace + ".anomalies_by_host WHERE site = ? AND host = ?",
          SITE, r.getString(1)).one().getLong(0);
      if (n > 0) {
        rows.put(r.getString(1), n);
      }
    }
    return new Outcome(ids, rows, windows);
  }

  private static NodeProcess node(List<NodeProcess> nodes, String name, String site, int clusterPort, int httpPort,
      int mgmtPort, String seeds, String keyspace, Map<String, String> sources, String extra) throws Exception {
    String sourceList = sources.entrySet().stream()
        .map(e -> "{ segment = \"" + e.getKey() + "\", file = \"" + e.getValue() + "\" }")
        .collect(Collectors.joining(", ", "[", "]"));
    String hocon = NodeProcess.config(site, keyspace, clusterPort, httpPort, mgmtPort, seeds,
        "host.snapshot-every-windows = 1",
        "capture.sources = " + sourceList,
        extra);
    NodeProcess n = NodeProcess.start(name, dir, hocon, httpPort, mgmtPort);
    nodes.add(n);
    return n;
  }

  private static boolean allCompleted(String keyspace, Set<String> segments) {
    Set<String> done = new HashSet<>();
    for (Row r : session.execute("SELECT segment, state FROM " + keyspace + ".segments WHERE site = ?", SITE)) {
      if ("COMPLETED".equals(r.getString(1))) {
        done.add(r.getString(0));
      }
    }
    return done.containsAll(segments);
  }

  /**
   * Mid-stream: every segment of {@code n} has delivered windows (host entities exist, some on
   * {@code n}), and at least one is still running.
   */
  private static boolean midStream(NodeProcess n, Set<String> segments) {
    try {
      int delivering = 0;
      boolean running = false;
      for (JsonNode s : JSON.readTree(n.api("/api/v1/segments").body()).path("segments")) {
        if (segments.contains(s.path("segment").asText()) && s.path("windows_delivered").asLong() > 0) {
          delivering++;
          running |= "RUNNING".equals(s.path("state").asText());
        }
      }
      return delivering == segments.size() && running && entitiesOn(n, "HostMonitor") > 0;
    } catch (Exception e) {
      return false;
    }
  }

  private static long entitiesOn(NodeProcess n, String typeName) throws Exception {
    long total = 0;
    for (JsonNode region : JSON.readTree(n.management("/cluster/shards/" + typeName).body()).path("regions")) {
      total += region.path("numEntities").asLong();
    }
    return total;
  }

  private static Set<String> shardsSafe(NodeProcess n, String typeName) {
    try {
      return n.shards(typeName);
    } catch (Exception e) {
      return Set.of();
    }
  }
}
