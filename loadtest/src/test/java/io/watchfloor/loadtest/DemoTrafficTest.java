package io.watchfloor.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.loadtest.CapturedPackets.Summary;
import io.watchfloor.protocol.decode.IpProtocols;
import io.watchfloor.protocol.decode.Malformation;
import io.watchfloor.protocol.decode.TcpFlags;
import io.watchfloor.protocol.pcap.LinkTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTrafficTest {

  private static final Path TSHARK = Path.of("/usr/bin/tshark");

  @TempDir
  static Path dir;
  private static Path pcap;
  private static DemoTraffic traffic;
  private static List<Summary> packets;

  @BeforeAll
  static void writeDemo() throws IOException {
    traffic = new DemoTraffic(DemoTraffic.DEFAULT_SEED);
    pcap = dir.resolve("demo.pcap");
    traffic.writePcap(pcap);
    packets = CapturedPackets.read(pcap);
  }

  @Test
  void shouldWriteEthernetPcapWithEveryScheduledPacket() {
    assertThat(packets).hasSize(traffic.packetCount());
    assertThat(packets).allSatisfy(p -> assertThat(p.linkType()).isEqualTo(LinkTypes.ETHERNET));
  }

  @Test
  void shouldStayWithinAFewTensOfThousandsOfPackets() {
    assertThat(traffic.packetCount()).isBetween(10_000, 50_000);
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
  void shouldSpanThirtyMinutesFromTheDemoStart() {
    long start = DemoTraffic.START.getEpochSecond() * 1_000_000_000L;
    long end = DemoTraffic.START.plus(DemoTraffic.LENGTH).getEpochSecond() * 1_000_000_000L;

    assertThat(packets.get(0).timestampNanos()).isBetween(start, start + 10_000_000_000L);
    assertThat(packets.get(packets.size() - 1).timestampNanos()).isBetween(
        end - 60_000_000_000L, end);
  }

  @Test
  void shouldWriteByteIdenticalFileForSameSeed() throws IOException {
    Path again = dir.resolve("again.pcap");
    new DemoTraffic(DemoTraffic.DEFAULT_SEED).writePcap(again);

    assertThat(Files.mismatch(pcap, again)).isEqualTo(-1L);
  }

  @Test
  void shouldWriteDifferentFileForDifferentSeed() throws IOException {
    Path other = dir.resolve("other.pcap");
    new DemoTraffic(DemoTraffic.DEFAULT_SEED + 1).writePcap(other);

    assertThat(Files.mismatch(pcap, other)).isNotEqualTo(-1L);
  }

  @Test
  void shouldScanAll1024PortsOfTheVictimWithSyns() {
    List<Summary> syns = packets.stream()
        .filter(p -> p.src().equals("10.0.0.66") && p.tcpFlags() == TcpFlags.SYN)
        .collect(Collectors.toList());

    assertThat(syns).allSatisfy(p -> assertThat(p.dst()).isEqualTo("10.0.0.3"));
    assertThat(syns.stream().map(Summary::dstPort).distinct().count()).isEqualTo(1024);
    assertThat(syns).extracting(Summary::dstPort).allSatisfy(
        port -> assertThat(port).isBetween(1, 1024));
  }

  @Test
  void shouldAnswerTheScanWithSynAckOnlyOnPort80AndResetsElsewhere() {
    List<Summary> replies = packets.stream()
        .filter(p -> p.src().equals("10.0.0.3") && p.dst().equals("10.0.0.66"))
        .collect(Collectors.toList());

    assertThat(replies).filteredOn(p -> p.tcpFlags() == (TcpFlags.SYN | TcpFlags.ACK))
        .extracting(Summary::srcPort).containsExactly(80);
    assertThat(replies).filteredOn(p -> p.tcpFlags() == (TcpFlags.RST | TcpFlags.ACK))
        .hasSize(1023);
  }

  @Test
  void shouldSweepPort445OnFortyDistinctUnansweringHosts() {
    List<Summary> probes = packets.stream().filter(p -> p.src().equals("10.0.0.67"))
        .collect(Collectors.toList());

    assertThat(probes).allSatisfy(p -> {
      assertThat(p.dstPort()).isEqualTo(445);
      assertThat(p.tcpFlags()).isEqualTo(TcpFlags.SYN);
    });
    assertThat(probes.stream().map(Summary::dst).distinct()).hasSize(40)
        .allSatisfy(dst -> assertThat(dst).startsWith("10.0.1."));
    assertThat(packets).noneMatch(p -> p.dst().equals("10.0.0.67"));
  }

  @Test
  void shouldCarryDnsOverUdp53AndWebOverTcp80And443() {
    assertThat(packets).filteredOn(p -> p.ipProtocol() == IpProtocols.UDP)
        .allSatisfy(p -> assertThat(p.srcPort() == 53 || p.dstPort() == 53).isTrue());
    assertThat(packets).anyMatch(p -> p.dstPort() == 80 && p.payloadLength() > 0)
        .anyMatch(p -> p.dstPort() == 443 && p.dst().startsWith("203.0.113."))
        .anyMatch(p -> p.dstPort() == 443 && p.dst().startsWith("198.51.100."));
  }

  @Test
  void shouldLabelBothAttacksWithTheirPacketTimes() {
    List<AttackLabel> labels = traffic.labels();

    assertThat(labels).extracting(AttackLabel::attacker).containsExactly("10.0.0.66", "10.0.0.67");
    assertThat(labels).extracting(AttackLabel::expectedDetector).containsOnly("port_scan");
    assertAttackWindow(labels.get(0), "10.0.0.66");
    assertAttackWindow(labels.get(1), "10.0.0.67");
    assertThat(labels.get(0).start()).isAfterOrEqualTo(Instant.parse("2024-05-06T09:20:00Z"));
    assertThat(labels.get(1).start()).isAfterOrEqualTo(Instant.parse("2024-05-06T09:25:00Z"));
  }

  @Test
  void shouldWriteLabelsTsvWithHeaderAndOneRowPerAttack() throws IOException {
    Path tsv = dir.resolve("labels.tsv");
    traffic.writeLabels(tsv);

    List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo("category\tattacker\ttarget\tstart\tend\texpected_detector");
    assertThat(lines.get(1)).startsWith("vertical_port_scan\t10.0.0.66\t10.0.0.3\t2024-05-06T09:20:")
        .endsWith("\tport_scan");
    assertThat(lines.get(2))
        .startsWith("horizontal_port_sweep\t10.0.0.67\t10.0.1.1-10.0.1.40\t2024-05-06T09:25:")
        .endsWith("\tport_scan");
  }

  @Test
  void shouldBeAcceptedByTshark() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(TSHARK), "tshark is not installed");
    Path output = dir.resolve("tshark.out");
    Process tshark = new ProcessBuilder(TSHARK.toString(), "-r", pcap.toString(), "-q", "-z",
        "io,stat,0").redirectErrorStream(true).redirectOutput(output.toFile()).start();

    assertThat(tshark.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String text = Files.readString(output);
    assertThat(tshark.exitValue()).as(text).isZero();
    assertThat(text).doesNotContainIgnoringCase("error")
        .doesNotContainIgnoringCase("appears to have been cut short")
        .contains(String.valueOf(traffic.packetCount()));
  }

  private static void assertAttackWindow(AttackLabel label, String attacker) {
    List<Summary> attack = packets.stream()
        .filter(p -> p.src().equals(attacker) || p.dst().equals(attacker))
        .collect(Collectors.toList());
    long first = attack.get(0).timestampNanos();
    long last = attack.get(attack.size() - 1).timestampNanos();
    assertThat(nanos(label.start())).isEqualTo(first);
    assertThat(nanos(label.end())).isEqualTo(last);
  }

  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}
