package io.watchfloor.protocol.decode;

import static io.watchfloor.protocol.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.protocol.SharedCaptures;
import io.watchfloor.protocol.pcap.CaptureFileReader;
import io.watchfloor.protocol.pcap.LinkTypes;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** RFC 791 / RFC 1071 header checksum verification in {@link PacketDecoder}. */
class Ipv4ChecksumTest {

  private static final String ETH = "000000000002 000000000001 0800";
  // TCP 12345 > 80 SYN, data offset 5
  private static final String TCP_SYN = "3039 0050 00000001 00000000 5002 ffff 0000 0000";
  // 10.0.0.1 > 192.168.1.2, TCP, total length 40; checksum 0xaf24 verified with RFC 1071 sum
  private static final String IPV4_GOOD = "4500 0028 0001 0000 4006 af24 0a000001 c0a80102";
  // the same with one 4-byte option (IHL 6, total 44): checksum 0xac1f
  private static final String IPV4_OPTIONS_GOOD =
      "4600 002c 0001 0000 4006 ac1f 0a000001 c0a80102 01010100";

  private final PacketDecoder decoder = new PacketDecoder();

  private DecodedPacket ether(String hex) {
    byte[] frame = bytes(hex);
    return decoder.decode(LinkTypes.ETHERNET, ByteBuffer.wrap(frame), 0, frame.length,
        frame.length, 0);
  }

  @Test
  void shouldAcceptACorrectHeaderChecksum() {
    assertThat(ether(ETH + IPV4_GOOD + TCP_SYN).malformation()).isEqualTo(Malformation.NONE);
  }

  @Test
  void shouldAcceptACorrectChecksumCoveringOptions() {
    assertThat(ether(ETH + IPV4_OPTIONS_GOOD + TCP_SYN).malformation())
        .isEqualTo(Malformation.NONE);
  }

  @Test
  void shouldNotFlagAZeroChecksumLeftByChecksumOffload() {
    DecodedPacket p = ether(ETH + "4500 0028 0001 0000 4006 0000 0a000001 c0a80102" + TCP_SYN);

    assertThat(p.malformation()).isEqualTo(Malformation.NONE);
  }

  @Test
  void shouldFlagAChecksumOffByOne() {
    DecodedPacket p = ether(ETH + "4500 0028 0001 0000 4006 af25 0a000001 c0a80102" + TCP_SYN);

    assertThat(p.malformation()).isEqualTo(Malformation.BAD_IPV4_CHECKSUM);
  }

  @Test
  void shouldFlagAHeaderCorruptedAfterTheChecksumWasComputed() {
    // source address 10.0.0.1 became 10.0.0.3 in flight
    DecodedPacket p = ether(ETH + "4500 0028 0001 0000 4006 af24 0a000003 c0a80102" + TCP_SYN);

    assertThat(p.malformation()).isEqualTo(Malformation.BAD_IPV4_CHECKSUM);
  }

  @Test
  void shouldFlagACorruptedOptionBecauseTheChecksumCoversOptions() {
    DecodedPacket p = ether(ETH + "4600 002c 0001 0000 4006 ac1f 0a000001 c0a80102 01010101"
        + TCP_SYN);

    assertThat(p.malformation()).isEqualTo(Malformation.BAD_IPV4_CHECKSUM);
  }

  @Test
  void shouldStillDecodeTheTransportHeaderOfAPacketWithABadChecksum() {
    DecodedPacket p = ether(ETH + "4500 0028 0001 0000 4006 1234 0a000001 c0a80102" + TCP_SYN);

    assertThat(p.malformation()).isEqualTo(Malformation.BAD_IPV4_CHECKSUM);
    assertThat(p.srcPort()).isEqualTo(12345);
    assertThat(p.dstPort()).isEqualTo(80);
    assertThat(p.tcpFlags()).isEqualTo(TcpFlags.SYN);
  }

  @Test
  void shouldNotVerifyAHeaderTheCaptureCutShort() {
    // wrong checksum, but the snaplen kept only 22 of the 24 header bytes
    byte[] frame = bytes(ETH + "4600 002c 0001 0000 4006 0bad 0a000001 c0a80102 01010100"
        + TCP_SYN);
    DecodedPacket p = decoder.decode(LinkTypes.ETHERNET, ByteBuffer.wrap(frame), 0, 14 + 22,
        frame.length, 0);

    assertThat(p.malformation()).isEqualTo(Malformation.NONE);
    assertThat(p.isSnapTruncated()).isTrue();
  }

  @Test
  void shouldReportTheTruncationNotTheChecksumWhenTheTotalLengthOverrunsTheFrame() {
    // total length 0x0100 but 40 bytes on the wire; checksum wrong as well
    DecodedPacket p = ether(ETH + "4500 0100 0001 0000 4006 0bad 0a000001 c0a80102" + TCP_SYN);

    assertThat(p.malformation()).isEqualTo(Malformation.TRUNCATED_IPV4);
  }

  @Test
  void shouldReportTheHeaderLengthNotTheChecksumWhenIhlIsBelowFive() {
    DecodedPacket p = ether(ETH + "4400 0028 0001 0000 4006 0bad 0a000001 c0a80102" + TCP_SYN);

    assertThat(p.malformation()).isEqualTo(Malformation.BAD_IPV4_HEADER_LENGTH);
  }

  /**
   * tshark finds 1,087 IPv4 headers with checksum 0x0000 in the shared pcapng captures (capturing
   * host with checksum offload) and no other bad checksum; none of them may be flagged.
   */
  @Test
  void shouldFindNoBadChecksumInTheSharedCaptures() throws IOException {
    for (SharedCaptures.Entry entry : SharedCaptures.entries()) {
      int bad = 0;
      try (CaptureFileReader reader = CaptureFileReader.open(entry.path())) {
        while (reader.next()) {
          DecodedPacket p = decoder.decode(reader.linkType(), reader.buffer(), reader.offset(),
              reader.capturedLength(), reader.originalLength(), reader.timestampNanos());
          if (p.malformation() == Malformation.BAD_IPV4_CHECKSUM) {
            bad++;
          }
        }
      }
      assertThat(bad).as(entry.file()).isZero();
    }
  }
}
