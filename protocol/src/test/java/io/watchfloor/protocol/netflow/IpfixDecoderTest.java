package io.watchfloor.protocol.netflow;

import static io.watchfloor.protocol.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchfloor.protocol.flow.FlowRecord;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class IpfixDecoderTest {

  // template Set (id 2, 44 bytes): template 256 with 9 fields: sourceIPv4Address/4,
  // destinationIPv4Address/4, sourceTransportPort/2, destinationTransportPort/2,
  // protocolIdentifier/1, flowStartMilliseconds/8, flowEndMilliseconds/8, packetDeltaCount/8,
  // octetDeltaCount/8: 45-byte records
  private static final String TEMPLATE = "0002 002c | 0100 0009 | 0008 0004 | 000c 0004 | 0007 0002"
      + " | 000b 0002 | 0004 0001 | 0098 0008 | 0099 0008 | 0002 0008 | 0001 0008";
  // data Set 256 (49 bytes): 192.168.0.1:54321 > 10.0.0.2:443 TCP, 1566411407.841 s to one
  // second later, 5 packets, 400 bytes
  private static final String DATA = "0100 0031 | c0a80001 0a000002 d431 01bb 06"
      + " 0000016cb56541e1 0000016cb56545c9 0000000000000005 0000000000000190";

  private final TemplateCache templates = new TemplateCache();
  private final IpfixDecoder decoder = new IpfixDecoder(templates);

  /** A message: version 10, the given length, export time 1566411417, sequence 1, domain 1. */
  private static String header(int length) {
    return String.format("000a %04x | 5d5d8a99 | 00000001 | 00000001", length);
  }

  private static String message(String sets) {
    return header(16 + bytes(sets).length) + sets;
  }

  private DecodeResult decode(String hex) {
    return decoder.decode(ByteBuffer.wrap(bytes(hex)), "192.0.2.9");
  }

  @Test
  void shouldDecodeTemplateAndDataInOneMessage() {
    DecodeResult result = decode(header(109) + TEMPLATE + DATA);

    assertThat(result.flows()).hasSize(1);
    FlowRecord f = result.flows().get(0);
    assertThat(f.transport()).isEqualTo("tcp");
    assertThat(f.sourceIp()).isEqualTo("192.168.0.1");
    assertThat(f.sourcePort()).isEqualTo(54321);
    assertThat(f.destinationIp()).isEqualTo("10.0.0.2");
    assertThat(f.destinationPort()).isEqualTo(443);
    assertThat(f.sourcePackets()).isEqualTo(5);
    assertThat(f.sourceBytes()).isEqualTo(400);
    assertThat(f.startNanos()).isEqualTo(1_566_411_407_841_000_000L);
    assertThat(f.endNanos()).isEqualTo(1_566_411_408_841_000_000L);
    assertThat(f.origin()).isEqualTo("ipfix");
    assertThat(f.endReason()).isEqualTo("exported");
  }

  @Test
  void shouldPlaceUptimeTimesWithSystemInitTimeFromOptionsData() {
    // options template 257 (scope observationDomainId/4, systemInitTimeMilliseconds/8), its data
    // (1566411407841), template 258 with flowStart/EndSysUpTime, and one record at 1 s to 2 s
    DecodeResult result = decode(message(
        "0003 0012 | 0101 0002 0001 | 0095 0004 | 00a0 0008"
            + "0101 0010 | 00000001 0000016cb56541e1"
            + "0002 0018 | 0102 0004 | 0008 0004 | 000c 0004 | 0016 0004 | 0015 0004"
            + "0102 0014 | c0a80001 0a000002 000003e8 000007d0"));

    FlowRecord f = result.flows().get(0);
    assertThat(f.startNanos()).isEqualTo(1_566_411_408_841_000_000L);
    assertThat(f.endNanos()).isEqualTo(1_566_411_409_841_000_000L);
  }

  @Test
  void shouldReadBothFormsOfVariableLengthFields() {
    // template 259: addresses, interfaceName/variable, packetDeltaCount/4; one record with a
    // 1-byte length ("abc"), one with the 3-byte form (255, then 3: "xyz")
    DecodeResult result = decode(message(
        "0002 0018 | 0103 0004 | 0008 0004 | 000c 0004 | 0052 ffff | 0002 0004"
            + "0103 0026 | c0a80001 0a000002 03 616263 00000064"
            + " | c0a80001 0a000003 ff 0003 78797a 00000065"));

    assertThat(result.flows()).extracting(FlowRecord::sourcePackets).containsExactly(100L, 101L);
    assertThat(result.flows()).extracting(FlowRecord::destinationIp)
        .containsExactly("10.0.0.2", "10.0.0.3");
  }

  @Test
  void shouldSkipEnterpriseSpecificFields() {
    // template 260: sourceIPv4Address/4, enterprise 32383 element 1/4, destinationIPv4Address/4
    DecodeResult result = decode(message(
        "0002 0018 | 0104 0003 | 0008 0004 | 8001 0004 00007e7f | 000c 0004"
            + "0104 0010 | c0a80001 ffffffff 0a000002"));

    assertThat(result.flows()).extracting(FlowRecord::destinationIp).containsExactly("10.0.0.2");
  }

  @Test
  void shouldForgetWithdrawnTemplates() {
    decode(message(TEMPLATE));

    DecodeResult result = decode(message("0002 0008 | 0100 0000" + DATA));

    assertThat(result.flows()).isEmpty();
    assertThat(result.unknownTemplateRecords()).isEqualTo(1);
  }

  @Test
  void shouldAcceptAnEmptySetAndTemplatePadding() {
    DecodeResult result = decode(message("0100 0004" + "0002 0030" + TEMPLATE.substring(10)
        + " 00000000" + DATA));

    assertThat(result.flows()).hasSize(1);
  }

  // ------------------------------------------------------------------ malformed

  @Test
  void shouldCountDataBeforeItsTemplate() {
    DecodeResult result = decode(message(DATA + TEMPLATE));

    assertThat(result.flows()).isEmpty();
    assertThat(result.unknownTemplateRecords()).isEqualTo(1);
    assertThat(result.error()).isNull();
  }

  @Test
  void shouldRejectTruncatedHeader() {
    assertThatThrownBy(() -> decode("000a 0010 | 5d5d8a99 | 0000"))
        .isInstanceOf(NetflowDecodeException.class)
        .hasMessage("IPFIX header needs 16 bytes, datagram has 10");
  }

  @Test
  void shouldRejectMessageLengthPastTheDatagram() {
    assertThatThrownBy(() -> decode(header(200) + TEMPLATE))
        .isInstanceOf(NetflowDecodeException.class)
        .hasMessage("IPFIX message length 200 must be between 16 and the datagram's 60 bytes");
  }

  @Test
  void shouldRejectZeroLengthSet() {
    assertThatThrownBy(() -> decode(message("0100 0000 | c0a80001")))
        .isInstanceOf(NetflowDecodeException.class)
        .hasMessage("Set 256 at offset 16 has length 0, shorter than its 4-byte header");
  }

  @Test
  void shouldRejectSetPastTheMessage() {
    assertThatThrownBy(() -> decode(message("0100 0031 | c0a80001")))
        .isInstanceOf(NetflowDecodeException.class)
        .hasMessage("Set 256 at offset 16 has length 49, only 8 bytes remain in the message");
  }

  @Test
  void shouldRejectTemplateWithAbsurdFieldCount() {
    assertThatThrownBy(() -> decode(message("0002 000c | 0100 7fff | 0008 0004")))
        .isInstanceOf(NetflowDecodeException.class)
        .hasMessage("template 256 declares 32767 fields (at least 131068 bytes), only 4 bytes "
            + "remain in the Set");
  }

  @Test
  void shouldRejectEnterpriseFieldWithoutItsNumber() {
    assertThatThrownBy(() -> decode(message("0002 000c | 0100 0001 | 8001 0004")))
        .isInstanceOf(NetflowDecodeException.class)
        .hasMessageContaining("enterprise field 0 needs a 4-byte enterprise number, 0 bytes remain");
  }

  @Test
  void shouldRejectVariableLengthPastTheSet() {
    assertThatThrownBy(() -> decode(message(
        "0002 0010 | 0105 0002 | 0008 0004 | 0052 ffff" + "0105 000a | c0a80001 c8 41")))
        .isInstanceOf(NetflowDecodeException.class)
        .hasMessage("data record for template 261: field 1 needs 200 bytes at offset 41, only 1 "
            + "remain in the set");
  }

  @Test
  void shouldRejectOptionsTemplateWithoutScope() {
    assertThatThrownBy(() -> decode(message("0003 000e | 0101 0001 0000 | 00a0 0008")))
        .isInstanceOf(NetflowDecodeException.class)
        .hasMessage("options template 257 has scope field count 0, expected 1 to its field count 1");
  }

  @Test
  void shouldRejectTrailingBytesShorterThanASetHeader() {
    assertThatThrownBy(() -> decode(message(TEMPLATE + "0100")))
        .isInstanceOf(NetflowDecodeException.class)
        .hasMessage("IPFIX message ends with 2 bytes, too few for a 4-byte Set header");
  }
}
