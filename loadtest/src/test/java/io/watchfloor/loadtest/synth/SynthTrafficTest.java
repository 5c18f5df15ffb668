package io.watchfloor.loadtest.synth;

import io.watchfloor.loadtest.Ipv4;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.protocol.decode.DecodedPacket;
import io.watchfloor.protocol.decode.Malformation;
import io.watchfloor.protocol.decode.PacketDecoder;
import io.watchfloor.protocol.ip.IpAddresses;
import io.watchfloor.protocol.pcap.CaptureFileReader;
import io.watchfloor.protocol.pcap.LinkTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One simulated workday of 30 workstations, read back through the production reader and decoder. */
class SynthTrafficTest {

  @TempDir
  static Path dir;

  private static SynthTraffic.Summary summary;
  private static List<TruthRow> truth;
  /** Every packet: time, addresses and what the decoder said, in file order. */
  private static final List<Seen> PACKETS = new ArrayList<>();

  private record Seen(long micros, int src, int dst, Malformation malformation) {}

  @BeforeAll
  static void generateOneDay() throws IOException {
    Path pcap = dir.resolve("day.pcap");
    summary = new SynthTraffic(new SynthTraffic.Parameters(30, 24, 11, SynthTraffic.DEFAULT_START))
        .write(pcap, dir.resolve("truth.tsv"), packets -> { });
    truth = TruthRow.read(dir.resolve("truth.tsv"));
    PacketDecoder decoder = new PacketDecoder();
    try (CaptureFileReader reader = CaptureFileReader.open(pcap)) {
      while (reader.next()) {
        assertThat(reader.linkType()).isEqualTo(LinkTypes.ETHERNET);
        DecodedPacket p = decoder.decode(reader.linkType(), reader.buffer(), reader.offset(),
            reader.capturedLength(), reader.originalLength(), reader.timestampNanos());
        PACKETS.add(new Seen(reader.timestampNanos() / 1_000, IpAddresses.ipv4(p.srcLo()),
            IpAddresses.ipv4(p.dstLo()), p.malformation()));
      }
    }
  }

  @Test
  void shouldReadBackEveryPacketInTimestampOrder() {
    assertThat(PACKETS).hasSize((int) summary.packets());
    for (int i = 1; i < PACKETS.size(); i++) {
      assertThat(PACKETS.get(i).micros()).isGreaterThanOrEqualTo(PACKETS.get(i - 1).micros());
    }
  }

  @Test
  void shouldDecodeEveryPacketCleanlyExceptTheInjectedMalformedOnes() {
    long malformedInTruth = truth.stream()
        .filter(t -> t.ruleName().equals("malformed_packet")).mapToLong(TruthRow::packets).sum();
    long malformed = PACKETS.stream().filter(p -> p.malformation() != Malformation.NONE).count();

    assertThat(malformedInTruth).isPositive();
    assertThat(malformed).isEqualTo(malformedInTruth);
  }

  @Test
  void shouldInjectEveryCategoryOnceInADayOfThirtyHostsAndTwoOffHoursTransfers() {
    assertThat(truth).extracting(TruthRow::ruleName).containsOnly(DetectionReport.DETECTORS.toArray(String[]::new));
    assertThat(truth.stream().filter(t -> t.ruleName().equals("off_hours")))
        .hasSize(2)
        .allSatisfy(t -> assertThat(t.start().atZone(ZoneOffset.UTC).getHour()).isEqualTo(3));
    assertThat(truth).hasSize(12 * 8 + 2);
  }

  @Test
  void shouldHaveExactlyTheTruthsPacketCountBetweenEachAttackerAndItsTargets() {
    for (TruthRow t : truth) {
      long counted = PACKETS.stream().filter(p -> belongsTo(p, t)).count();
      assertThat(counted).as(t.toTsv()).isEqualTo(t.packets()).isPositive();
    }
  }

  /** Between the attacker and one of its targets, inside the attack's interval. */
  private static boolean belongsTo(Seen p, TruthRow t) {
    if (p.micros() < micros(t.start()) || p.micros() > micros(t.end())) {
      return false;
    }
    int attacker = Ipv4.parse(t.attacker());
    if (p.src() != attacker && p.dst() != attacker) {
      return false;
    }
    String peer = Ipv4.format(p.src() == attacker ? p.dst() : p.src());
    return t.targets().contains(peer);
  }

  @Test
  void shouldBeBusierInWorkingHoursThanAtNightButNeverSilentAtNight() {
    long[] perHour = new long[24];
    for (Seen p : PACKETS) {
      if (truth.stream().anyMatch(t -> belongsTo(p, t))) {
        continue; // attacks strike at any hour: the shape is the benign traffic's
      }
      perHour[Instant.ofEpochSecond(p.micros() / 1_000_000).atZone(ZoneOffset.UTC).getHour()]++;
    }
    long night = perHour[0] + perHour[1] + perHour[2] + perHour[4] + perHour[5]; // 03:00: attacks
    long work = perHour[9] + perHour[10] + perHour[11] + perHour[13] + perHour[14];

    assertThat(work).isGreaterThan(8 * night);
    for (int h : new int[] {0, 1, 2, 4, 5}) {
      assertThat(perHour[h]).as("hour %d", h).isPositive();
    }
  }

  @Test
  void shouldWriteIdenticalBytesForTheSameSeedAndOtherBytesForAnother(@TempDir Path other)
      throws IOException {
    SynthTraffic.Parameters p = new SynthTraffic.Parameters(12, 1, 5, SynthTraffic.DEFAULT_START.plusSeconds(9 * 3600));
    new SynthTraffic(p).write(other.resolve("a.pcap"), other.resolve("a.tsv"), n -> { });
    new SynthTraffic(p).write(other.resolve("b.pcap"), other.resolve("b.tsv"), n -> { });
    new SynthTraffic(new SynthTraffic.Parameters(12, 1, 6, p.start()))
        .write(other.resolve("c.pcap"), other.resolve("c.tsv"), n -> { });

    assertThat(Files.size(other.resolve("a.pcap"))).isGreaterThan(100_000);
    assertThat(Files.mismatch(other.resolve("a.pcap"), other.resolve("b.pcap"))).isEqualTo(-1);
    assertThat(Files.mismatch(other.resolve("a.tsv"), other.resolve("b.tsv"))).isEqualTo(-1);
    assertThat(Files.mismatch(other.resolve("a.pcap"), other.resolve("c.pcap"))).isNotEqualTo(-1);
  }

  private static long micros(Instant i) {
    return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
  }
}
