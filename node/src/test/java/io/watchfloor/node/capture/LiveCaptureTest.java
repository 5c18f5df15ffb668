package io.watchfloor.node.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.watchfloor.node.WatchfloorNode;
import io.watchfloor.node.testing.SharedCassandra;
import io.watchfloor.node.testing.TestNodes;
import io.watchfloor.protocol.api.SegmentStatus;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Live capture through libpcap on the loopback interface with a BPF filter: datagrams sent on
 * loopback reach host entities as windows. Needs root (CI runs as root).
 */
@ExtendWith(SharedCassandra.class)
class LiveCaptureTest {
  private static final int PORT = 45_917;
  static WatchfloorNode node;

  @BeforeAll
  static void startNode() {
    assumeTrue("root".equals(System.getProperty("user.name")), "live capture needs root");
    node = TestNodes.start(TestNodes.config(SharedCassandra.freshKeyspace("live"),
        "watchfloor.models.window.length = 1s\n"));
  }

  @AfterAll
  static void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void shouldCaptureFilteredLoopbackTrafficIntoHostWindows() throws Exception {
    node.startCaptureAndWait(CaptureSpec.ofInterface("lo", "lo", "udp and dst port " + PORT));
    try (DatagramSocket socket = new DatagramSocket()) {
      byte[] payload = new byte[100];
      InetAddress lo = InetAddress.getByName("127.0.0.1");
      for (int i = 0; i < 300; i++) {
        socket.send(new DatagramPacket(payload, payload.length, lo, PORT));
        socket.send(new DatagramPacket(payload, payload.length, lo, PORT + 1)); // filtered out
        Thread.sleep(5);
      }
    }
    SegmentStatus s = awaitWindows(20_000);

    assertThat(s.state()).isEqualTo("RUNNING");
    assertThat(s.packets()).isEqualTo(300);
    assertThat(s.windowsDelivered()).isPositive();
    assertThat(s.totalBytes()).isEqualTo(-1);
  }

  @Test
  void shouldRefuseAnInterfaceThatDoesNotExist() throws Exception {
    assertThatThrownBy(() -> node.startCaptureAndWait(CaptureSpec.ofInterface("ghost", "wf-nonexistent0", "")))
        .isInstanceOf(CaptureInputException.class)
        .hasMessageContaining("no such network interface: wf-nonexistent0");
    SegmentStatus s = awaitFinished("ghost", 20_000);
    assertThat(s.state()).isEqualTo("FAILED");
    assertThat(s.badInput()).isTrue();
    assertThat(s.error()).contains("wf-nonexistent0");
  }

  @Test
  void shouldRefuseABadFilter() throws Exception {
    assertThatThrownBy(() -> node.startCaptureAndWait(CaptureSpec.ofInterface("badfilter", "lo", "port not-a-number")))
        .isInstanceOf(CaptureInputException.class)
        .hasMessageContaining("bad BPF filter");
    SegmentStatus s = awaitFinished("badfilter", 20_000);
    assertThat(s.state()).isEqualTo("FAILED");
    assertThat(s.error()).contains("bad BPF filter");
  }

  private static SegmentStatus awaitWindows(long millis) throws Exception {
    long deadline = System.currentTimeMillis() + millis;
    SegmentStatus s;
    do {
      Thread.sleep(200);
      s = node.segmentStatus("lo").toCompletableFuture().get(10, TimeUnit.SECONDS);
    } while ((s.packets() < 300 || s.windowsDelivered() == 0) && System.currentTimeMillis() < deadline);
    return s;
  }

  private static SegmentStatus awaitFinished(String segment, long millis) throws Exception {
    long deadline = System.currentTimeMillis() + millis;
    SegmentStatus s;
    do {
      Thread.sleep(100);
      s = node.segmentStatus(segment).toCompletableFuture().get(10, TimeUnit.SECONDS);
    } while (!s.finished() && System.currentTimeMillis() < deadline);
    return s;
  }
}
