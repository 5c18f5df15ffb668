package io.watchfloor.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchfloor.protocol.decode.DecodedPacket;
import io.watchfloor.protocol.decode.IpProtocols;
import io.watchfloor.protocol.decode.PacketDecoder;
import io.watchfloor.protocol.decode.TcpFlags;
import io.watchfloor.protocol.ip.IpAddresses;
import io.watchfloor.protocol.pcap.LinkTypes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameBuilderTest {

  private static final int CLIENT = Ipv4.parse("10.0.0.10");
  private static final int SERVER = Ipv4.parse("10.0.0.3");
  private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);

  private final FrameBuilder builder = new FrameBuilder();
  private final PacketDecoder decoder = new PacketDecoder();

  @Test
  void shouldBuildTcpSegmentTheDecoderReads() {
    int length = builder.tcp(CLIENT, SERVER, 50000, 80, 1000, 2000,
        TcpFlags.PSH | TcpFlags.ACK, HELLO, 0, HELLO.length);

    DecodedPacket p = decode(length);
    assertThat(p.isMalformed()).as("%s", p.malformation()).isFalse();
    assertThat(p.ipProtocol()).isEqualTo(IpProtocols.TCP);
    assertThat(IpAddresses.format(p.srcHi(), p.srcLo())).isEqualTo("10.0.0.10");
    assertThat(IpAddresses.format(p.dstHi(), p.dstLo())).isEqualTo("10.0.0.3");
    assertThat(p.srcPort()).isEqualTo(50000);
    assertThat(p.dstPort()).isEqualTo(80);
    assertThat(p.tcpFlags()).isEqualTo(TcpFlags.PSH | TcpFlags.ACK);
    assertThat(p.payloadLength()).isEqualTo(HELLO.length);
  }

  @Test
  void shouldWriteSeqAckAndLengths() {
    int length = builder.tcp(CLIENT, SERVER, 50000, 80, 0xfffffffeL, 7, TcpFlags.ACK,
        HELLO, 1, 3);

    ByteBuffer frame = ByteBuffer.wrap(builder.frame(), 0, length);
    assertThat(length).isEqualTo(14 + 20 + 20 + 3);
    assertThat(frame.getShort(14 + 2)).isEqualTo((short) (20 + 20 + 3));
    assertThat(frame.getInt(34 + 4)).isEqualTo(0xfffffffe);
    assertThat(frame.getInt(34 + 8)).isEqualTo(7);
    assertThat(new String(builder.frame(), 54, 3, StandardCharsets.US_ASCII)).isEqualTo("ell");
  }

  @Test
  void shouldAddMssOptionToSyn() {
    int length = builder.tcp(CLIENT, SERVER, 50000, 80, 1, 0, TcpFlags.SYN, HELLO, 0, 0);

    assertThat(length).isEqualTo(14 + 20 + 24);
    assertThat(builder.frame()[34 + 12] & 0xff).isEqualTo(6 << 4);
    assertThat(ByteBuffer.wrap(builder.frame()).getShort(34 + 22)).isEqualTo((short) 1460);
  }

  @Test
  void shouldComputeValidIpv4HeaderChecksum() {
    builder.udp(CLIENT, SERVER, 50000, 53, HELLO, 0, HELLO.length);

    assertThat(onesComplementSum(builder.frame(), 14, 20, 0)).isEqualTo(0xffff);
  }

  @Test
  void shouldComputeValidTcpChecksumOverOddLengthPayload() {
    int length = builder.tcp(CLIENT, SERVER, 50000, 80, 1, 1, TcpFlags.ACK, HELLO, 0, 5);

    int tcpLength = length - 34;
    assertThat(onesComplementSum(builder.frame(), 34, tcpLength, pseudoHeader(6, tcpLength)))
        .isEqualTo(0xffff);
  }

  @Test
  void shouldComputeValidUdpChecksum() {
    int length = builder.udp(CLIENT, SERVER, 50000, 53, HELLO, 0, HELLO.length);

    int udpLength = length - 34;
    assertThat(ByteBuffer.wrap(builder.frame()).getShort(34 + 4)).isEqualTo((short) udpLength);
    assertThat(onesComplementSum(builder.frame(), 34, udpLength, pseudoHeader(17, udpLength)))
        .isEqualTo(0xffff);
  }

  @Test
  void shouldSendExternalTrafficThroughGatewayMac() {
    builder.tcp(Ipv4.parse("203.0.113.10"), CLIENT, 443, 50000, 1, 1, TcpFlags.ACK, HELLO, 0, 0);

    assertThat(java.util.Arrays.copyOfRange(builder.frame(), 6, 12))
        .containsExactly(2, 0, 10, 0, 0, 1);
    assertThat(java.util.Arrays.copyOfRange(builder.frame(), 0, 6))
        .containsExactly(2, 0, 10, 0, 0, 10);
  }

  @Test
  void shouldRejectPayloadThatNeedsFragmentation() {
    byte[] big = new byte[1500];

    assertThatThrownBy(() -> builder.udp(CLIENT, SERVER, 1, 2, big, 0, big.length))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("found 1508");
  }

  private DecodedPacket decode(int length) {
    return decoder.decode(LinkTypes.ETHERNET, ByteBuffer.wrap(builder.frame()), 0, length, length,
        0);
  }

  private static long pseudoHeader(int protocol, int length) {
    return (CLIENT >>> 16) + (CLIENT & 0xffff) + (SERVER >>> 16) + (SERVER & 0xffff)
        + protocol + length;
  }

  private static int onesComplementSum(byte[] b, int start, int length, long initial) {
    long sum = initial;
    for (int i = 0; i < length; i += 2) {
      int hi = b[start + i] & 0xff;
      int lo = i + 1 < length ? b[start + i + 1] & 0xff : 0;
      sum += (hi << 8) | lo;
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return (int) sum;
  }
}
