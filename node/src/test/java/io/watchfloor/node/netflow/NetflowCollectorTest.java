package io.watchfloor.node.netflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.typesafe.config.ConfigFactory;
import io.watchfloor.node.NodeConfig;
import io.watchfloor.node.testing.TestPcaps;
import io.watchfloor.protocol.flow.FlowRecord;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The collector against real exports: softflowd reads a shared capture and exports NetFlow v5,
 * v9 and IPFIX to the collector on loopback.
 */
class NetflowCollectorTest {

  private static final Path SOFTFLOWD = Path.of("/usr/sbin/softflowd");
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  // v9 headers carry whole seconds, so v9 times may be up to a second early
  private static final long CLOCK_SLACK_NANOS = 2 * NANOS_PER_SECOND;

  static final ActorTestKit testKit = ActorTestKit.create(
      ConfigFactory.parseString("pekko.actor.provider = local").withFallback(NodeConfig.defaults()));

  private final Queue<FlowRecord> received = new ConcurrentLinkedQueue<>();
  private NetflowCollector collector;

  @TempDir
  Path tempDir;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @AfterEach
  void stopCollector() throws Exception {
    if (collector != null) {
      collector.stop().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
  }

  private NetflowCollector start() throws Exception {
    collector = NetflowCollector.start(testKit.system(), "127.0.0.1", 0, received::add)
        .toCompletableFuture().get(5, TimeUnit.SECONDS);
    return collector;
  }

  /**
   * Expected unidirectional flows and packets per export version. v9 and IPFIX must match the
   * {@code softflowd_nfcapd_uniflows} reference column; NetFlow v5 cannot carry IPv6, so softflowd
   * leaves out the IPv6 flows (dnstunnel: 4 flows of 9 IPv6 packets). Packets are the capture's
   * IPv4 (v5) or IPv4 + IPv6 packets (tshark -Y ip / ipv6); softflowd ignores the rest (ARP).
   */
  @ParameterizedTest(name = "{0} -v {1}")
  @CsvSource({
      "scan_masscan_tcp_0-1000.pcap,    5, 1001, 1005",
      "scan_masscan_tcp_0-1000.pcap,    9, 1001, 1005",
      "scan_masscan_tcp_0-1000.pcap,   10, 1001, 1005",
      "benign_http_bro_org.pcap,        5,   26,  751",
      "benign_http_bro_org.pcap,        9,   26,  751",
      "benign_http_bro_org.pcap,       10,   26,  751",
      "dnstunnel_c2_cmds_over_txt.pcap, 5,  205,  251",
      "dnstunnel_c2_cmds_over_txt.pcap, 9,  209,  260",
      "dnstunnel_c2_cmds_over_txt.pcap,10,  209,  260",
  })
  void shouldReceiveEverySoftflowdFlow(String file, int version, int flows, long packets)
      throws Exception {
    assumeThat(Files.isExecutable(SOFTFLOWD)).as("softflowd installed").isTrue();
    start();

    String softflowdReport = export(file, version);

    awaitCount(() -> received.size(), flows);
    assertThat(received).as(softflowdReport).hasSize(flows);
    if (version != 5) {
      assertThat(flows).isEqualTo(referenceUniflows(file));
    }
    assertThat(received.stream().mapToLong(FlowRecord::sourcePackets).sum()).isEqualTo(packets);
    assertThat(received).allSatisfy(f -> {
      assertThat(f.destinationPackets()).isZero();
      assertThat(f.endReason()).isEqualTo("exported");
      assertThat(f.origin()).isEqualTo(version == 5 ? "netflow5" : version == 9 ? "netflow9" : "ipfix");
      assertThat(f.metadata()).containsEntry("observer.ip", "127.0.0.1");
    });
    assertWithinCapture(file);
    CollectorStats stats = collector.stats();
    assertThat(stats.flows()).isEqualTo(flows);
    assertThat(stats.decodeErrors()).isZero();
    assertThat(stats.unknownTemplateRecords()).isZero();
  }

  @Test
  void shouldSeeTheMasscanScanAsOneFlowPerPort() throws Exception {
    assumeThat(Files.isExecutable(SOFTFLOWD)).as("softflowd installed").isTrue();
    start();

    export("scan_masscan_tcp_0-1000.pcap", 10);

    awaitCount(() -> received.size(), 1001);
    assertThat(received).allSatisfy(f -> {
      assertThat(f.transport()).isEqualTo("tcp");
      assertThat(f.sourceIp()).isEqualTo("172.31.15.102");
      assertThat(f.destinationIp()).isEqualTo("198.124.152.15");
    });
    assertThat(received.stream().map(FlowRecord::destinationPort).collect(Collectors.toSet()))
        .hasSize(1001).allSatisfy(port -> assertThat(port).isBetween(0, 1000));
  }

  @Test
  void shouldKeepCollectingAfterBadDatagrams() throws Exception {
    start();
    // NetFlow v9: data for template 256 before any template, then a truncated v5 header, an
    // unknown version, then a valid one-record v5 datagram
    send("0009 0001 | 00002710 | 5d5d8a99 | 00000001 | 00000007 | 0100 0008 | c0a80001");
    send("0005 0001 | 00002710");
    send("0007 0000 0000");
    send("0005 0001 | 00002710 | 5d5d8a99 | 1dcd6500 | 00000001 | 0000 0000"
        + " | c0a80001 0a000002 00000000 0000 0000 | 0000000a 000003e8 | 00001f40 00002328"
        + " | d431 0050 | 00 1b 06 00 | 0000 0000 | 00 00 | 0000");

    awaitCount(() -> (int) collector.stats().datagrams(), 4);
    awaitCount(() -> received.size(), 1);
    assertThat(collector.stats()).isEqualTo(new CollectorStats(4, 1, 2, 1, 0));
    assertThat(received.peek().sourceIp()).isEqualTo("192.168.0.1");
  }

  @Test
  void shouldSurviveAConsumerThatThrows() throws Exception {
    collector = NetflowCollector.start(testKit.system(), "127.0.0.1", 0, flow -> {
      throw new IllegalStateException("consumer bug");
    }).toCompletableFuture().get(5, TimeUnit.SECONDS);
    String v5 = "0005 0001 | 00002710 | 5d5d8a99 | 1dcd6500 | 00000001 | 0000 0000"
        + " | c0a80001 0a000002 00000000 0000 0000 | 0000000a 000003e8 | 00001f40 00002328"
        + " | d431 0050 | 00 1b 06 00 | 0000 0000 | 00 00 | 0000";

    send(v5);
    send(v5);

    awaitCount(() -> (int) collector.stats().consumerFailures(), 2);
    assertThat(collector.stats().datagrams()).isEqualTo(2);
  }

  @Test
  void shouldBindTheRequestedPortAndReleaseItOnStop() throws Exception {
    int port;
    try (DatagramSocket probe = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    NetflowCollector first = NetflowCollector.start(testKit.system(), "127.0.0.1", port, f -> { })
        .toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(first.port()).isEqualTo(port);

    first.stop().toCompletableFuture().get(5, TimeUnit.SECONDS);

    collector = NetflowCollector.start(testKit.system(), "127.0.0.1", port, f -> { })
        .toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(collector.port()).isEqualTo(port);
  }

  // ------------------------------------------------------------------ helpers

  /** Runs softflowd over a capture to the collector; returns its statistics output. */
  private String export(String file, int version) throws IOException, InterruptedException {
    Path output = tempDir.resolve("softflowd-" + version + ".out");
    // -a: flow times from the capture, not the wall clock; -c none: no control socket, which
    // would otherwise keep softflowd waiting after the file ends
    Process softflowd = new ProcessBuilder(SOFTFLOWD.toString(), "-r",
        TestPcaps.of(file).toString(), "-n", "127.0.0.1:" + collector.port(),
        "-v", Integer.toString(version), "-a", "-d", "-c", "none",
        "-p", tempDir.resolve("softflowd.pid").toString())
        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    assertThat(softflowd.waitFor(20, TimeUnit.SECONDS)).as("softflowd finished").isTrue();
    String report = Files.readString(output);
    assertThat(softflowd.exitValue()).as(report).isZero();
    return report;
  }

  private void send(String hex) throws IOException {
    byte[] bytes = HexFormat.of().parseHex(hex.replaceAll("[\\s|]", ""));
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.send(new DatagramPacket(bytes, bytes.length,
          new InetSocketAddress("127.0.0.1", collector.port())));
    }
  }

  /** Waits until the count reaches {@code expected}, then a little longer to catch extras. */
  private static void awaitCount(Supplier<Integer> count, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (count.get() < expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    Thread.sleep(200);
  }

  private void assertWithinCapture(String file) throws IOException {
    List<String> manifest = Files.readAllLines(TestPcaps.dir().resolve("MANIFEST.tsv"));
    List<String> header = Arrays.asList(manifest.get(0).split("\t"));
    String[] row = manifest.stream().filter(line -> line.startsWith(file + "\t")).findFirst()
        .orElseThrow().split("\t");
    LocalDateTime first = LocalDateTime.parse(row[header.indexOf("first_packet_utc")],
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS"));
    long firstNanos = first.toEpochSecond(ZoneOffset.UTC) * NANOS_PER_SECOND + first.getNano();
    long lastNanos = firstNanos
        + (long) (Double.parseDouble(row[header.indexOf("duration_s")]) * NANOS_PER_SECOND);
    assertThat(received).allSatisfy(f -> {
      assertThat(f.startNanos()).isBetween(firstNanos - CLOCK_SLACK_NANOS, lastNanos);
      assertThat(f.endNanos()).isBetween(f.startNanos(), lastNanos + CLOCK_SLACK_NANOS);
    });
  }

  private static int referenceUniflows(String file) throws IOException {
    List<String> lines = Files.readAllLines(TestPcaps.dir().resolve("REFERENCE_FLOW_COUNTS.tsv"),
        StandardCharsets.UTF_8);
    List<String> header = Arrays.asList(lines.get(0).split("\t"));
    String[] row = lines.stream().filter(line -> line.startsWith(file + "\t")).findFirst()
        .orElseThrow().split("\t");
    return Integer.parseInt(row[header.indexOf("softflowd_nfcapd_uniflows")]);
  }
}
