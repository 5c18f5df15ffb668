package io.watchfloor.node.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.node.WatchfloorNode;
import io.watchfloor.node.testing.SharedCassandra;
import io.watchfloor.node.testing.TestNodes;
import io.watchfloor.protocol.api.SegmentStatus;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A NetFlow segment whose socket buffer overflows: a flood on loopback into a collector with a tiny
 * receive buffer, and the datagrams the kernel dropped show in the segment's status.
 */
@ExtendWith(SharedCassandra.class)
class NetflowKernelDropsTest {
  private static final int FLOOD = 20_000;
  /** A one-record NetFlow v5 datagram (the record of NetflowCollectorTest). */
  private static final byte[] V5 = HexFormat.of().parseHex(("0005 0001 00002710 5d5d8a99 1dcd6500 00000001 0000 0000"
      + " c0a80001 0a000002 00000000 0000 0000 0000000a 000003e8 00001f40 00002328"
      + " d431 0050 00 1b 06 00 0000 0000 00 00 0000").replace(" ", ""));
  static WatchfloorNode node;

  @BeforeAll
  static void startNode() {
    // the kernel's minimum: a few datagrams fit
    node = TestNodes.start(TestNodes.config(SharedCassandra.freshKeyspace("netflow_drops"),
        "watchfloor.capture.netflow-receive-buffer = 1KiB\n"));
  }

  @AfterAll
  static void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void shouldCountTheDatagramsTheKernelDropped() throws Exception {
    int port;
    try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    node.startCaptureAndWait(CaptureSpec.ofNetflow("flooded", "127.0.0.1:" + port));
    assertThat(status().kernelDrops()).isZero();

    try (DatagramSocket exporter = new DatagramSocket()) {
      InetSocketAddress collector = new InetSocketAddress("127.0.0.1", port);
      for (int i = 0; i < FLOOD; i++) {
        exporter.send(new DatagramPacket(V5, V5.length, collector));
      }
    }

    SegmentStatus s = status();
    long deadline = System.currentTimeMillis() + 15_000;
    while (s.kernelDrops() == 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(250); // NetFlow statistics are published every second
      s = status();
    }
    assertThat(s.kernelDrops()).as("kernel drops").isPositive();
    assertThat(s.bytesRead()).as("datagrams received").isPositive();
    assertThat(s.bytesRead() + s.kernelDrops()).isLessThanOrEqualTo(FLOOD);
    assertThat(s.decodeErrors()).isZero();
  }

  private static SegmentStatus status() throws Exception {
    return node.segmentStatus("flooded").toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
