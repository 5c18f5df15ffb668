package io.watchfloor.protocol.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.protocol.SharedCaptures;
import io.watchfloor.protocol.ip.IpAddress;
import io.watchfloor.protocol.pcap.CaptureFileReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The decoder against the team's real capture files. */
class SharedCaptureDecodingTest {

  private final PacketDecoder decoder = new PacketDecoder();

  static List<SharedCaptures.Entry> sharedCaptures() {
    return SharedCaptures.entries();
  }

  @Test
  void shouldFindTheDecoderAnomaliesSuricataFindsInTheMalformedCapture() throws IOException {
    // suricata-verify tests/output-eve-anomaly-packethdr/test.yaml: 42 decoder.icmpv4.unknown_type,
    // 4 decoder.icmpv4.unknown_code, 2 decoder.ipv4.trunc_pkt, 48 anomalies in all.
    Map<Malformation, Integer> counts = new EnumMap<>(Malformation.class);
    try (CaptureFileReader reader = CaptureFileReader.open(
        SharedCaptures.entry("malformed_decoder_anomalies.pcap").path())) {
      while (reader.next()) {
        DecodedPacket p = decoder.decode(reader.linkType(), reader.buffer(), reader.offset(),
            reader.capturedLength(), reader.originalLength(), reader.timestampNanos());
        counts.merge(p.malformation(), 1, Integer::sum);
      }
    }
    assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(
        Malformation.ICMPV4_UNKNOWN_TYPE, 42,
        Malformation.ICMPV4_UNKNOWN_CODE, 4,
        Malformation.TRUNCATED_IPV4, 2));
  }

  @Test
  void shouldSeeMasscansThousandAndOneSynsToDistinctPorts() throws IOException {
    IpAddress scanner = IpAddress.parse("172.31.15.102");
    Set<Integer> ports = new HashSet<>();
    int syns = 0;
    try (CaptureFileReader reader = CaptureFileReader.open(
        SharedCaptures.entry("scan_masscan_tcp_0-1000.pcap").path())) {
      while (reader.next()) {
        DecodedPacket p = decoder.decode(reader.linkType(), reader.buffer(), reader.offset(),
            reader.capturedLength(), reader.originalLength(), reader.timestampNanos());
        if (p.tcpFlags() == TcpFlags.SYN && new IpAddress(p.srcHi(), p.srcLo()).equals(scanner)) {
          syns++;
          ports.add(p.dstPort());
        }
      }
    }
    assertThat(syns).isEqualTo(1001);
    assertThat(ports).hasSize(1001);
  }

  @Test
  void shouldDecodeTheCookedDnsTunnelCaptureAsUdpToPort53() throws IOException {
    int dns = 0;
    try (CaptureFileReader reader = CaptureFileReader.open(
        SharedCaptures.entry("dnstunnel_iodine_txt_base32_first6000.pcap").path())) {
      while (reader.next()) {
        DecodedPacket p = decoder.decode(reader.linkType(), reader.buffer(), reader.offset(),
            reader.capturedLength(), reader.originalLength(), reader.timestampNanos());
        assertThat(p.isMalformed()).as("packet %d: %s", reader.packetsRead(), p).isFalse();
        if (p.ipProtocol() == 17 && (p.dstPort() == 53 || p.srcPort() == 53)) {
          dns++;
        }
      }
    }
    assertThat(dns).isGreaterThan(5000);
  }

  /**
   * Every frame cut at every length, once as if the wire frame ended there and once as a
   * snapped capture, must decode without an exception escaping.
   */
  @ParameterizedTest
  @MethodSource("sharedCaptures")
  void shouldSurviveEveryFrameTruncatedAtEveryOffset(SharedCaptures.Entry entry)
      throws IOException {
    long decoded = 0;
    try (CaptureFileReader reader = CaptureFileReader.open(entry.path())) {
      while (reader.next()) {
        ByteBuffer buffer = reader.buffer();
        int offset = reader.offset();
        for (int length = 0; length <= reader.capturedLength(); length++) {
          decoder.decode(reader.linkType(), buffer, offset, length, length, 0);
          decoder.decode(reader.linkType(), buffer, offset, length, reader.originalLength(), 0);
          decoded += 2;
        }
      }
    }
    assertThat(decoded).isPositive();
  }

  @Test
  void shouldSurviveThousandsOfRandomFrames() {
    Random random = new Random(20_240_601L);
    int[] linkTypes = {0, 1, 101, 108, 113, 228, 229, 276, 147};
    byte[] frame = new byte[1600];
    ByteBuffer buffer = ByteBuffer.wrap(frame);
    Map<Malformation, Integer> seen = new EnumMap<>(Malformation.class);
    for (int i = 0; i < 20_000; i++) {
      int length = random.nextInt(frame.length);
      random.nextBytes(frame);
      int linkType = linkTypes[random.nextInt(linkTypes.length)];
      if (random.nextBoolean() && length > 40) {
        // make the random bytes look more like IP so the deeper layers get exercised
        frame[0] = (byte) (random.nextBoolean() ? 0x45 : 0x60);
        linkType = 101;
      }
      int original = random.nextBoolean() ? length : length + random.nextInt(2000);
      DecodedPacket p = decoder.decode(linkType, buffer, 0, length, original, i);
      seen.merge(p.malformation(), 1, Integer::sum);
    }
    assertThat(seen.keySet()).hasSizeGreaterThan(5);
  }

  @Test
  void shouldDecodeEverySharedCaptureIntoSensibleFields() throws IOException {
    for (SharedCaptures.Entry entry : SharedCaptures.entries()) {
      Path path = entry.path();
      long ip = 0;
      try (CaptureFileReader reader = CaptureFileReader.open(path)) {
        while (reader.next()) {
          DecodedPacket p = decoder.decode(reader.linkType(), reader.buffer(), reader.offset(),
              reader.capturedLength(), reader.originalLength(), reader.timestampNanos());
          if (p.ipVersion() != 0) {
            ip++;
          }
          assertThat(p.payloadLength()).isGreaterThanOrEqualTo(0);
          assertThat(p.payloadOffset() + p.payloadLength())
              .isLessThanOrEqualTo(reader.offset() + reader.capturedLength());
        }
      }
      assertThat(ip).as(entry.file()).isGreaterThan(entry.packets() / 2);
    }
  }
}
