package io.watchfloor.protocol.decode;

import static io.watchfloor.protocol.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.protocol.ip.IpAddress;
import io.watchfloor.protocol.pcap.LinkTypes;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PacketDecoderTest {

  // Ethernet II: dst 00:..:02, src 00:..:01, then the EtherType
  private static final String ETH = "000000000002 000000000001";
  // IPv4 10.0.0.1 > 192.168.1.2, TTL 64, TCP, total length 40
  private static final String IPV4_TCP = "4500 0028 0001 0000 4006 0000 0a000001 c0a80102";
  // TCP 12345 > 80, seq 1, data offset 5
  private static final String TCP_HEAD = "3039 0050 00000001 00000000";
  private static final String TCP_TAIL = "ffff 0000 0000";
  private static final String TCP_SYN = TCP_HEAD + "5002" + TCP_TAIL;
  // IPv4 10.0.0.1 > 8.8.8.8, UDP, total 32; UDP 54321 > 53 length 12, 4 bytes of data
  private static final String IPV4_UDP = "4500 0020 0001 0000 4011 0000 0a000001 08080808";
  private static final String UDP_DNS = "d431 0035 000c 0000 | deadbeef";
  // IPv6 2001:db8::1 > 2001:db8::2, hop limit 64
  private static final String V6_ADDRS =
      "20010db8000000000000000000000001 20010db8000000000000000000000002";

  private final PacketDecoder decoder = new PacketDecoder();

  private DecodedPacket decode(int linkType, String hex) {
    byte[] frame = bytes(hex);
    return decoder.decode(linkType, ByteBuffer.wrap(frame), 0, frame.length, frame.length, 42L);
  }

  private DecodedPacket ether(String hex) {
    return decode(LinkTypes.ETHERNET, hex);
  }

  // ------------------------------------------------------------------ valid frames

  @Test
  void shouldDecodeAnIpv4TcpSyn() {
    DecodedPacket p = ether(ETH + "0800" + IPV4_TCP + TCP_SYN);

    assertThat(p.isMalformed()).isFalse();
    assertThat(p.etherType()).isEqualTo(0x0800);
    assertThat(p.vlanId()).isEqualTo(-1);
    assertThat(p.ipVersion()).isEqualTo(4);
    assertThat(new IpAddress(p.srcHi(), p.srcLo())).hasToString("10.0.0.1");
    assertThat(new IpAddress(p.dstHi(), p.dstLo())).hasToString("192.168.1.2");
    assertThat(p.ipProtocol()).isEqualTo(6);
    assertThat(p.ttl()).isEqualTo(64);
    assertThat(p.srcPort()).isEqualTo(12345);
    assertThat(p.dstPort()).isEqualTo(80);
    assertThat(p.tcpFlags()).isEqualTo(TcpFlags.SYN);
    assertThat(p.icmpType()).isEqualTo(-1);
    assertThat(p.ipPayloadLength()).isEqualTo(20);
    assertThat(p.payloadOffset()).isEqualTo(54);
    assertThat(p.payloadLength()).isZero();
    assertThat(p.timestampNanos()).isEqualTo(42L);
    assertThat(p.wireLength()).isEqualTo(54);
  }

  @Test
  void shouldDecodeUdpAndIgnoreEthernetPadding() {
    DecodedPacket p = ether(ETH + "0800" + IPV4_UDP + UDP_DNS + "000000000000000000000000000000");

    assertThat(p.isMalformed()).isFalse();
    assertThat(p.ipProtocol()).isEqualTo(17);
    assertThat(p.srcPort()).isEqualTo(54321);
    assertThat(p.dstPort()).isEqualTo(53);
    assertThat(p.payloadOffset()).isEqualTo(42);
    assertThat(p.payloadLength()).isEqualTo(4);
  }

  @Test
  void shouldDecodeAnIcmpEchoRequest() {
    DecodedPacket p = ether(ETH + "0800" + "4500 001c 0001 0000 4001 0000 0a000001 0a000002"
        + "0800 0000 0001 0001");

    assertThat(p.isMalformed()).isFalse();
    assertThat(p.icmpType()).isEqualTo(8);
    assertThat(p.icmpCode()).isZero();
    assertThat(p.srcPort()).isZero();
  }

  @Test
  void shouldDecodeIpv6Tcp() {
    DecodedPacket p = ether(ETH + "86dd" + "6000 0000 0014 06 40" + V6_ADDRS + TCP_HEAD + "5012"
        + TCP_TAIL);

    assertThat(p.isMalformed()).isFalse();
    assertThat(p.ipVersion()).isEqualTo(6);
    assertThat(new IpAddress(p.srcHi(), p.srcLo())).hasToString("2001:db8::1");
    assertThat(new IpAddress(p.dstHi(), p.dstLo())).hasToString("2001:db8::2");
    assertThat(p.ttl()).isEqualTo(64);
    assertThat(p.tcpFlags()).isEqualTo(TcpFlags.SYN | TcpFlags.ACK);
    assertThat(p.dstPort()).isEqualTo(80);
  }

  @Test
  void shouldWalkIpv6HopByHopAndFragmentHeadersToUdp() {
    DecodedPacket p = ether(ETH + "86dd" + "6000 0000 001a 00 40" + V6_ADDRS
        + "2c00 0104 00000000"     // hop-by-hop, next = fragment, PadN
        + "1100 0001 00000001"     // fragment, next = UDP, offset 0, M = 1
        + "0035 d431 0100 0000 | abcd"); // UDP length spans later fragments

    assertThat(p.isMalformed()).isFalse();
    assertThat(p.ipProtocol()).isEqualTo(17);
    assertThat(p.isFragment()).isTrue();
    assertThat(p.srcPort()).isEqualTo(53);
    assertThat(p.dstPort()).isEqualTo(54321);
    assertThat(p.ipPayloadLength()).isEqualTo(10);
    assertThat(p.payloadLength()).isEqualTo(2);
  }

  @Test
  void shouldDecodeAnIcmpv6NeighbourSolicitation() {
    DecodedPacket p = ether(ETH + "86dd" + "6000 0000 0018 3a ff" + V6_ADDRS
        + "8700 0000 00000000 fe800000000000000000000000000001");

    assertThat(p.isMalformed()).isFalse();
    assertThat(p.ipProtocol()).isEqualTo(58);
    assertThat(p.icmpType()).isEqualTo(135);
    assertThat(p.ttl()).isEqualTo(255);
  }

  @Test
  void shouldDecodeStackedQinQTagsAndKeepTheOuterVlan() {
    DecodedPacket p = ether(ETH + "88a8 0064 8100 00c8 0800" + IPV4_TCP + TCP_SYN);

    assertThat(p.isMalformed()).isFalse();
    assertThat(p.vlanId()).isEqualTo(100);
    assertThat(p.etherType()).isEqualTo(0x0800);
    assertThat(p.dstPort()).isEqualTo(80);
  }

  @Test
  void shouldDecodeLinuxCookedCaptureV1() {
    DecodedPacket p = decode(LinkTypes.LINUX_SLL,
        "0000 0001 0006 0000000000010000 0800" + IPV4_UDP + UDP_DNS);

    assertThat(p.isMalformed()).isFalse();
    assertThat(p.dstPort()).isEqualTo(53);
  }

  @Test
  void shouldDecodeLinuxCookedCaptureV2() {
    DecodedPacket p = decode(LinkTypes.LINUX_SLL2,
        "0800 0000 00000002 0001 00 06 0000000000010000" + IPV4_UDP + UDP_DNS);

    assertThat(p.isMalformed()).isFalse();
    assertThat(p.dstPort()).isEqualTo(53);
  }

  @Test
  void shouldDecodeBsdLoopbackInEitherByteOrder() {
    DecodedPacket little = decode(LinkTypes.NULL, "02000000" + IPV4_UDP + UDP_DNS);
    assertThat(little.isMalformed()).isFalse();
    assertThat(little.dstPort()).isEqualTo(53);

    DecodedPacket big = decode(LinkTypes.LOOP, "0000001e" + "6000 0000 0014 06 40" + V6_ADDRS
        + TCP_SYN);
    assertThat(big.isMalformed()).isFalse();
    assertThat(big.ipVersion()).isEqualTo(6);
  }

  @Test
  void shouldDecodeRawIpByItsVersionNibble() {
    DecodedPacket p = decode(LinkTypes.RAW, "6000 0000 0014 06 40" + V6_ADDRS + TCP_SYN);

    assertThat(p.isMalformed()).isFalse();
    assertThat(p.etherType()).isEqualTo(0x86dd);
    assertThat(p.dstPort()).isEqualTo(80);
  }

  @Test
  void shouldRecogniseArpAsNotIp() {
    DecodedPacket p = ether(ETH + "0806"
        + "0001 0800 06 04 0001 000000000001 0a000001 000000000000 0a000002");

    assertThat(p.isMalformed()).isFalse();
    assertThat(p.etherType()).isEqualTo(0x0806);
    assertThat(p.ipVersion()).isZero();
  }

  @Test
  void shouldAcceptAnIeee8023LengthFrameAsNotIp() {
    DecodedPacket p = ether(ETH + "0026" + "424203 0000 00");

    assertThat(p.isMalformed()).isFalse();
    assertThat(p.etherType()).isZero();
    assertThat(p.ipVersion()).isZero();
  }

  @Test
  void shouldNotCallASnappedCaptureMalformed() {
    byte[] frame = bytes(ETH + "0800" + IPV4_TCP + TCP_SYN);
    DecodedPacket p = decoder.decode(LinkTypes.ETHERNET, ByteBuffer.wrap(frame), 0, 40,
        frame.length, 0);

    assertThat(p.isMalformed()).isFalse();
    assertThat(p.isSnapTruncated()).isTrue();
    assertThat(new IpAddress(p.srcHi(), p.srcLo())).hasToString("10.0.0.1");
    assertThat(p.srcPort()).isZero();
  }

  @Test
  void shouldGiveNoPortsForALaterIpv4Fragment() {
    DecodedPacket p = ether(ETH + "0800" + "4500 0020 0001 00b9 4011 0000 0a000001 08080808"
        + UDP_DNS);

    assertThat(p.isMalformed()).isFalse();
    assertThat(p.isFragment()).isTrue();
    assertThat(p.srcPort()).isZero();
    assertThat(p.payloadLength()).isEqualTo(12);
  }

  @Test
  void shouldDecodeAFrameInsideALargerBufferAndReuseTheView() {
    byte[] frame = bytes(ETH + "0800" + IPV4_UDP + UDP_DNS);
    byte[] padded = new byte[frame.length + 100];
    System.arraycopy(frame, 0, padded, 37, frame.length);
    DecodedPacket first = decoder.decode(LinkTypes.ETHERNET, ByteBuffer.wrap(padded), 37,
        frame.length, frame.length, 0);

    assertThat(first.dstPort()).isEqualTo(53);
    assertThat(first.payloadOffset()).isEqualTo(37 + 42);
    DecodedPacket second = ether(ETH + "0800" + IPV4_TCP + TCP_SYN);
    assertThat(second).isSameAs(first);
    assertThat(second.dstPort()).isEqualTo(80);
  }

  // ------------------------------------------------------------------ malformed frames

  @Test
  void shouldFlagAFrameShorterThanAnEthernetHeader() {
    assertThat(ether("0000000000020000").malformation()).isEqualTo(Malformation.TRUNCATED_LINK);
  }

  @Test
  void shouldFlagATruncatedCookedHeader() {
    assertThat(decode(LinkTypes.LINUX_SLL, "0000 0001 0006 0000").malformation())
        .isEqualTo(Malformation.TRUNCATED_LINK);
  }

  @Test
  void shouldFlagAnUnsupportedLinkType() {
    assertThat(decode(147, "00").malformation()).isEqualTo(Malformation.UNSUPPORTED_LINK_TYPE);
  }

  @Test
  void shouldFlagAbsurdlyManyVlanTags() {
    DecodedPacket p = ether(ETH + "8100 0001 8100 0002 8100 0003 8100 0004 8100 0005 0800"
        + IPV4_TCP + TCP_SYN);

    assertThat(p.malformation()).isEqualTo(Malformation.TOO_MANY_VLAN_TAGS);
    assertThat(p.vlanId()).isEqualTo(1);
  }

  @Test
  void shouldFlagAnIpv4PacketLongerThanTheWireFrame() {
    DecodedPacket p = ether(ETH + "0800" + IPV4_TCP + "3039 0050 0000");

    assertThat(p.malformation()).isEqualTo(Malformation.TRUNCATED_IPV4);
    assertThat(p.malformation().id()).isEqualTo("truncated_ipv4");
    assertThat(new IpAddress(p.srcHi(), p.srcLo())).as("addresses survive").hasToString("10.0.0.1");
  }

  @Test
  void shouldFlagAnIpv4HeaderShorterThanTwentyBytes() {
    assertThat(ether(ETH + "0800" + "4400 0028 0001 0000 4006 0000 0a000001 c0a80102" + TCP_SYN)
        .malformation()).isEqualTo(Malformation.BAD_IPV4_HEADER_LENGTH);
  }

  @Test
  void shouldFlagAnIpv4TotalLengthSmallerThanItsHeader() {
    assertThat(ether(ETH + "0800" + "4500 0010 0001 0000 4006 0000 0a000001 c0a80102" + TCP_SYN)
        .malformation()).isEqualTo(Malformation.BAD_IPV4_TOTAL_LENGTH);
  }

  @Test
  void shouldFlagAVersionThatContradictsTheEtherType() {
    assertThat(ether(ETH + "0800" + "6000 0000 0014 06 40" + V6_ADDRS + TCP_SYN).malformation())
        .isEqualTo(Malformation.BAD_IP_VERSION);
  }

  @Test
  void shouldFlagRawIpOfAnUnknownVersion() {
    assertThat(decode(LinkTypes.RAW, "5500 0014").malformation())
        .isEqualTo(Malformation.BAD_IP_VERSION);
  }

  @Test
  void shouldFlagAnIpv6PayloadLongerThanTheFrame() {
    assertThat(ether(ETH + "86dd" + "6000 0000 0064 06 40" + V6_ADDRS + TCP_SYN).malformation())
        .isEqualTo(Malformation.TRUNCATED_IPV6);
  }

  @Test
  void shouldFlagAHopByHopHeaderThatIsNotFirst() {
    DecodedPacket p = ether(ETH + "86dd" + "6000 0000 0018 3c 40" + V6_ADDRS
        + "0000 0104 00000000" + TCP_SYN);

    assertThat(p.malformation()).isEqualTo(Malformation.BAD_IPV6_EXTENSION_HEADER);
  }

  @Test
  void shouldFlagAnExtensionHeaderRunningPastThePayload() {
    assertThat(ether(ETH + "86dd" + "6000 0000 0014 3c 40" + V6_ADDRS + "0605 0000" + "00000000"
        + "3039 0050 00000001 0000 0000").malformation())
        .isEqualTo(Malformation.BAD_IPV6_EXTENSION_HEADER);
  }

  @Test
  void shouldFlagATcpHeaderCutShort() {
    assertThat(ether(ETH + "0800" + "4500 001e 0001 0000 4006 0000 0a000001 c0a80102"
        + "3039 0050 0000 0001 0000").malformation()).isEqualTo(Malformation.TRUNCATED_TCP);
  }

  @Test
  void shouldFlagATcpDataOffsetBelowFiveWords() {
    DecodedPacket p = ether(ETH + "0800" + IPV4_TCP + TCP_HEAD + "4002" + TCP_TAIL);

    assertThat(p.malformation()).isEqualTo(Malformation.BAD_TCP_HEADER_LENGTH);
    assertThat(p.dstPort()).isEqualTo(80);
  }

  @Test
  void shouldFlagATcpDataOffsetPastTheSegment() {
    assertThat(ether(ETH + "0800" + IPV4_TCP + TCP_HEAD + "f002" + TCP_TAIL).malformation())
        .isEqualTo(Malformation.BAD_TCP_HEADER_LENGTH);
  }

  @ParameterizedTest(name = "flags 0x{0}")
  @CsvSource({"00", "03", "06", "01", "29", "07"})
  void shouldFlagIllegalTcpFlagsButKeepThePorts(String flags) {
    DecodedPacket p = ether(ETH + "0800" + IPV4_TCP + TCP_HEAD + "50" + flags + TCP_TAIL);

    assertThat(p.malformation()).isEqualTo(Malformation.ILLEGAL_TCP_FLAGS);
    assertThat(p.srcPort()).isEqualTo(12345);
    assertThat(p.dstPort()).isEqualTo(80);
    assertThat(p.tcpFlags()).isEqualTo(Integer.parseInt(flags, 16));
  }

  @Test
  void shouldFlagAUdpHeaderCutShort() {
    assertThat(ether(ETH + "0800" + "4500 001a 0001 0000 4011 0000 0a000001 08080808"
        + "d431 0035 000c").malformation()).isEqualTo(Malformation.TRUNCATED_UDP);
  }

  @Test
  void shouldFlagAUdpLengthBelowItsHeader() {
    assertThat(ether(ETH + "0800" + IPV4_UDP + "d431 0035 0004 0000 | deadbeef").malformation())
        .isEqualTo(Malformation.BAD_UDP_LENGTH);
  }

  @Test
  void shouldFlagAUdpLengthBeyondTheIpPayload() {
    assertThat(ether(ETH + "0800" + IPV4_UDP + "d431 0035 00c8 0000 | deadbeef").malformation())
        .isEqualTo(Malformation.BAD_UDP_LENGTH);
  }

  @Test
  void shouldFlagAnIcmpHeaderCutShort() {
    assertThat(ether(ETH + "0800" + "4500 0018 0001 0000 4001 0000 0a000001 0a000002"
        + "0800 0000").malformation()).isEqualTo(Malformation.TRUNCATED_ICMP);
  }

  @ParameterizedTest(name = "type {0} code {1}")
  @CsvSource({"2a, 00, ICMPV4_UNKNOWN_TYPE", "09, 00, ICMPV4_UNKNOWN_TYPE",
      "08, 01, ICMPV4_UNKNOWN_CODE", "03, 10, ICMPV4_UNKNOWN_CODE",
      "0b, 02, ICMPV4_UNKNOWN_CODE", "03, 0f, NONE", "05, 03, NONE"})
  void shouldJudgeIcmpv4TypesAndCodesLikeSuricata(String type, String code, Malformation expected) {
    DecodedPacket p = ether(ETH + "0800" + "4500 001c 0001 0000 4001 0000 0a000001 0a000002"
        + type + code + "0000 00000000");

    assertThat(p.malformation()).isEqualTo(expected);
    assertThat(p.icmpType()).isEqualTo(Integer.parseInt(type, 16));
  }

  @ParameterizedTest(name = "type {0} code {1}")
  @CsvSource({"7f, 00, ICMPV6_UNKNOWN_TYPE", "05, 00, ICMPV6_UNKNOWN_TYPE",
      "80, 03, ICMPV6_UNKNOWN_CODE", "03, 02, ICMPV6_UNKNOWN_CODE", "81, 00, NONE"})
  void shouldJudgeIcmpv6TypesAndCodes(String type, String code, Malformation expected) {
    DecodedPacket p = ether(ETH + "86dd" + "6000 0000 0008 3a 40" + V6_ADDRS
        + type + code + "0000 00000000");

    assertThat(p.malformation()).isEqualTo(expected);
  }

  @Test
  void shouldFlagARangeOutsideTheBuffer() {
    byte[] frame = bytes(ETH + "0800" + IPV4_TCP + TCP_SYN);

    assertThat(decoder.decode(LinkTypes.ETHERNET, ByteBuffer.wrap(frame), 10, frame.length,
        frame.length, 0).malformation()).isEqualTo(Malformation.INVALID_BUFFER_RANGE);
    assertThat(decoder.decode(LinkTypes.ETHERNET, null, 0, 0, 0, 0).malformation())
        .isEqualTo(Malformation.INVALID_BUFFER_RANGE);
    assertThat(decoder.decode(LinkTypes.ETHERNET, ByteBuffer.wrap(frame), -1, 4, 4, 0)
        .malformation()).isEqualTo(Malformation.INVALID_BUFFER_RANGE);
  }

  @Test
  void shouldGiveEveryMalformationAStableSnakeCaseIdAndADescription() {
    assertThat(Arrays.stream(Malformation.values()))
        .allSatisfy(m -> {
          assertThat(m.id()).matches("[a-z0-9_]+");
          assertThat(m.description()).isNotBlank();
        });
    assertThat(Malformation.ICMPV4_UNKNOWN_TYPE.id()).isEqualTo("icmpv4_unknown_type");
  }
}
