package io.watchfloor.node.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.watchfloor.node.WatchfloorNode;
import io.watchfloor.node.testing.SharedCassandra;
import io.watchfloor.node.testing.TestNodes;
import io.watchfloor.node.testing.TestPcaps;
import io.watchfloor.protocol.alert.Anomaly;
import io.watchfloor.protocol.api.SegmentStatus;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routers and firewalls feed the node: softflowd exports a capture as NetFlow v9 to a NetFlow
 * segment, and the host windows built from the flow records raise the same port scan as the packets do.
 */
@ExtendWith(SharedCassandra.class)
class NetflowSegmentTest {
  private static final Path SOFTFLOWD = Path.of("/usr/sbin/softflowd");
  static WatchfloorNode node;
  @TempDir static Path dir;

  @BeforeAll
  static void startNode() {
    node = TestNodes.start(TestNodes.config(SharedCassandra.freshKeyspace("netflow"),
        "watchfloor.models.window.length = 2s\n"));
  }

  @AfterAll
  static void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void shouldRaiseThePortScanFromNetflowRecords() throws Exception {
    assumeTrue(Files.isExecutable(SOFTFLOWD), "softflowd is not installed");
    int port = freeUdpPort();
    node.startCaptureAndWait(CaptureSpec.ofNetflow("edge", "127.0.0.1:" + port));

    Process softflowd = new ProcessBuilder(SOFTFLOWD.toString(), "-r",
        TestPcaps.of("scan_masscan_tcp_0-1000.pcap").toString(), "-n", "127.0.0.1:" + port,
        "-v", "9", "-a", "-d", "-c", "none", "-p", dir.resolve("softflowd.pid").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("softflowd.out").toFile()).start();
    assertThat(softflowd.waitFor(20, TimeUnit.SECONDS)).isTrue();

    List<Anomaly> found = awaitAnomalies("172.31.15.102", 30_000);
    assertThat(found).isNotEmpty();
    assertThat(found).allSatisfy(a -> {
      assertThat(a.detector()).isEqualTo("port_scan");
      assertThat(a.segment()).isEqualTo("edge");
      assertThat(a.destinationIp()).isEqualTo("198.124.152.15");
    });
    SegmentStatus s = node.segmentStatus("edge").toCompletableFuture().get(10, TimeUnit.SECONDS);
    long deadline = System.currentTimeMillis() + 10_000;
    while (s.flows() < 1001 && System.currentTimeMillis() < deadline) {
      Thread.sleep(200); // statistics are published every second
      s = node.segmentStatus("edge").toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    assertThat(s.state()).isEqualTo("RUNNING");
    assertThat(s.flows()).isEqualTo(1001);
    assertThat(s.packets()).isEqualTo(1005);
    assertThat(s.source()).contains("127.0.0.1:" + port);
  }

  @Test
  void shouldRefuseAPortThatIsTaken() throws Exception {
    try (DatagramSocket taken = new DatagramSocket(0, java.net.InetAddress.getByName("127.0.0.1"))) {
      assertThatThrownBy(() -> node.startCaptureAndWait(
              CaptureSpec.ofNetflow("taken", "127.0.0.1:" + taken.getLocalPort())))
          .isInstanceOf(CaptureInputException.class)
          .hasMessageContaining("cannot receive NetFlow on 127.0.0.1:" + taken.getLocalPort());
    }
  }

  private static List<Anomaly> awaitAnomalies(String host, long millis) throws Exception {
    long deadline = System.currentTimeMillis() + millis;
    List<Anomaly> found = List.of();
    while (found.isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(250);
      found = node.store().anomalies().byHost("local", host, Instant.EPOCH, Instant.now(), 10)
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    return found;
  }

  private static int freeUdpPort() throws Exception {
    try (DatagramSocket s = new DatagramSocket(0, java.net.InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }
}
