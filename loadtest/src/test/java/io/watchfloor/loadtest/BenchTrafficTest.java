package io.watchfloor.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.loadtest.CapturedPackets.Summary;
import io.watchfloor.protocol.decode.IpProtocols;
import io.watchfloor.protocol.decode.Malformation;
import io.watchfloor.protocol.pcap.LinkTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchTrafficTest {

  private static final int PACKETS = 30_000;

  @TempDir
  static Path dir;
  private static Path pcap;
  private static BenchTraffic.Summary summary;
  private static List<Summary> packets;

  @BeforeAll
  static void write() throws IOException {
    pcap = dir.resolve("bench.pcap");
    summary = new BenchTraffic(BenchTraffic.DEFAULT_SEED, PACKETS).writePcap(pcap);
    packets = CapturedPackets.read(pcap);
  }

  @Test
  void shouldWriteExactlyTheRequestedPacketCount() {
    assertThat(summary.packets()).isEqualTo(PACKETS);
    assertThat(packets).hasSize(PACKETS);
    assertThat(packets).allSatisfy(p -> assertThat(p.linkType()).isEqualTo(LinkTypes.ETHERNET));
  }

  @Test
  void shouldDecodeEveryPacketWithoutMalformation() {
    assertThat(packets).extracting(Summary::malformation).containsOnly(Malformation.NONE);
  }

  @Test
  void shouldWriteNonDecreasingTimestamps() {
    assertThat(packets).extracting(Summary::timestampNanos).isSorted();
  }

  @Test
  void shouldMixTcpUdpAndIcmp() {
    assertThat(packets).extracting(Summary::ipProtocol)
        .contains(IpProtocols.TCP, IpProtocols.UDP, IpProtocols.ICMP);
    long udp = packets.stream().filter(p -> p.ipProtocol() == IpProtocols.UDP).count();
    assertThat(udp).isPositive();
    assertThat(packets).anySatisfy(p -> assertThat(p.dstPort()).isEqualTo(53));
  }

  @Test
  void shouldHaveManyFlowsAndHosts() {
    Set<String> flows = new HashSet<>();
    Set<String> hosts = new HashSet<>();
    for (Summary p : packets) {
      String a = p.src() + ":" + p.srcPort();
      String b = p.dst() + ":" + p.dstPort();
      flows.add(p.ipProtocol() + (a.compareTo(b) < 0 ? a + "-" + b : b + "-" + a));
      hosts.add(p.src());
      hosts.add(p.dst());
    }
    assertThat(flows.size()).isGreaterThan(PACKETS / 1_000);
    assertThat(hosts.size()).isGreaterThan(100);
  }

  @Test
  void shouldWriteByteIdenticalFileForSameSeed() throws IOException {
    Path again = dir.resolve("again.pcap");
    new BenchTraffic(BenchTraffic.DEFAULT_SEED, PACKETS).writePcap(again);

    assertThat(Files.mismatch(pcap, again)).isEqualTo(-1L);
  }

  @Test
  void shouldWriteADifferentFileForAnotherSeed() throws IOException {
    Path other = dir.resolve("other.pcap");
    new BenchTraffic(BenchTraffic.DEFAULT_SEED + 1, PACKETS).writePcap(other);

    assertThat(Files.mismatch(pcap, other)).isNotEqualTo(-1L);
  }

  @Test
  void shouldParseCommandLine() {
    assertThat(BenchCapture.parse(new String[] {"out.pcap", "--packets", "1_000", "--seed", "7"}))
        .isEqualTo(new BenchCapture.Arguments(Path.of("out.pcap"), 1_000, 7));
    assertThat(BenchCapture.parse(new String[] {"out.pcap"}).packets())
        .isEqualTo(BenchTraffic.DEFAULT_PACKETS);
    assertThat(BenchCapture.parse(new String[] {})).isNull();
    assertThat(BenchCapture.parse(new String[] {"out.pcap", "--packets", "0"})).isNull();
    assertThat(BenchCapture.parse(new String[] {"out.pcap", "--packets"})).isNull();
    assertThat(BenchCapture.parse(new String[] {"a.pcap", "b.pcap"})).isNull();
  }
}
