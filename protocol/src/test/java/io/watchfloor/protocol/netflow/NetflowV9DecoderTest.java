package io.watchfloor.protocol.netflow;

import static io.watchfloor.protocol.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchfloor.protocol.flow.FlowRecord;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class NetflowV9DecoderTest {

  // version 9, count 2, sysUptime 10000 ms, unix_secs 1566411417, sequence 1, source id 7
  private static final String HEADER = "0009 0002 | 00002710 | 5d5d8a99 | 00000001 | 00000007";
  // template FlowSet (id 0, 44 bytes): template 256 with 9 fields: IPV4_SRC_ADDR/4,
  // IPV4_DST_ADDR/4, L4_SRC_PORT/2, L4_DST_PORT/2, PROTOCOL/1, IN_PKTS/4, IN_BYTES/4,
  // FIRST_SWITCHED/4, LAST_SWITCHED/4: 29-byte records
  private static final String TEMPLATE = "0000 002c | 0100 0009 | 0008 0004 | 000c 0004 | 0007 0002"
      + " | 000b 0002 | 0004 0001 | 0002 0004 | 0001 0004 | 0016 0004 | 0015 0004";
  // data FlowSet 256 (36 bytes): 192.168.0.1:54321 > 10.0.0.2:53 UDP, 2 packets, 128 bytes,
  // first 8000 ms, last 9000 ms, then 3 bytes of padding
  private static final String DATA = "0100 0024 | c0a80001 0a000002 d431 0035 11 00000002 00000080"
      + " 00001f40 00002328 | 000000";

  private final TemplateCache templates = new TemplateCache();
  private final NetflowV9Decoder decoder = new NetflowV9Decoder(templates);

  private DecodeResult decode(String hex) {
    return decoder.decode(ByteBuffer.wrap(bytes(hex)), "192.0.2.9");
  }

  @Test
  void shouldDecodeTemplateAndDataInOneDatagram() {
    DecodeResult result = decode(HEADER + TEMPLATE + DATA);

    assertThat(result.unknownTemplateRecords()).isZero();
    assertThat(result.flows()).hasSize(1);
    FlowRecord f = result.flows().get(0);
    assertThat(f.transport()).isEqualTo("udp");
    assertThat(f.sourceIp()).isEqualTo("192.168.0.1");
    assertThat(f.sourcePort()).isEqualTo(54321);
    assertThat(f.destinationIp()).isEqualTo("10.0.0.2");
    assertThat(f.destinationPort()).isEqualTo(53);
    assertThat(f.sourcePackets()).isEqualTo(2);
    assertThat(f.sourceBytes()).isEqualTo(128);
    assertThat(f.destinationPackets()).isZero();
    assertThat(f.startNanos()).isEqualTo(1_566_411_415_000_000_000L);
    assertThat(f.endNanos()).isEqualTo(1_566_411_416_000_000_000L);
    assertThat(f.origin()).isEqualTo("netflow9");
    assertThat(f.endReason()).isEqualTo("exported");
  }

  @Test
  void shouldUseTemplateFromAnEarlierDatagram() {
    decode(HEADER + TEMPLATE);

    DecodeResult result = decode(HEADER + DATA + DATA);

    assertThat(result.flows()).hasSize(2);
    assertThat(templates.size()).isEqualTo(1);
  }

  @Test
  void shouldDecodeIpv6AddressesAndVlan() {
    // template 257: IPV6_SRC_ADDR/16, IPV6_DST_ADDR/16, PROTOCOL/1, SRC_VLAN/2 (28 bytes);
    // one 35-byte record + 1 byte of padding (40 bytes)
    DecodeResult result = decode(HEADER + "0000 0018 | 0101 0004 | 001b 0010 | 001c 0010"
        + " | 0004 0001 | 003a 0002"
        + "0101 0028 | 20010db8000000000000000000000001 20010db8000000000000000000000002 3a 0064"
        + " | 00");

    FlowRecord f = result.flows().get(0);
    assertThat(f.sourceIp()).isEqualTo("2001:db8::1");
    assertThat(f.destinationIp()).isEqualTo("2001:db8::2");
    assertThat(f.transport()).isEqualTo("ipv6-icmp");
    assertThat(f.vlan()).isEqualTo(100);
  }

  @Test
  void shouldSkipOptionsTemplatesAndTheirData() {
    // options FlowSet (20 bytes): template 258, scope SYSTEM/4, option SAMPLING_INTERVAL/4,
    // 2 bytes padding; then one 8-byte options record
    DecodeResult result = decode(HEADER + "0001 0014 | 0102 0004 0004 | 0001 0004 | 0022 0004"
        + " | 0000 | 0102 000c | c0000209 00000064" + TEMPLATE + DATA);

    assertThat(result.flows()).hasSize(1);
    assertThat(result.unknownTemplateRecords()).isZero();
  }

  @Test
  void shouldSkipReservedFlowSetIds() {
    DecodeResult result = decode(HEADER + "0005 0008 deadbeef" + TEMPLATE + DATA);

    assertThat(result.flows()).hasSize(1);
  }

  // ------------------------------------------------------------------ malformed

  @Test
  void shouldCountDataBeforeItsTemplate() {
    DecodeResult result = decode(HEADER + DATA + DATA);

    assertThat(result.flows()).isEmpty();
    assertThat(result.unknownTemplateRecords()).isEqualTo(2);
    assertThat(result.error()).isNull();
  }

  @Test
  void shouldKeepTemplatesApartPerExporterAndSourceId() {
    decode(HEADER + TEMPLATE);

    DecodeResult otherExporter =
        decoder.decode(ByteBuffer.wrap(bytes(HEADER + DATA)), "192.0.2.10");
    DecodeResult otherSourceId =
        decode("0009 0001 | 00002710 | 5d5d8a99 | 00000001 | 00000008" + DATA);

    assertThat(otherExporter.unknownTemplateRecords()).isEqualTo(1);
    assertThat(otherSourceId.unknownTemplateRecords()).isEqualTo(1);
  }

  @Test
  void shouldRejectTruncatedHeader() {
    assertThatThrownBy(() -> decode("0009 0002 | 00002710 | 5d5d8a99 | 0000"))
        .isInstanceOf(NetflowDecodeException.class)
        .hasMessage("NetFlow v9 header needs 20 bytes, datagram has 14");
  }

  @Test
  void shouldRejectZeroLengthFlowSet() {
    assertThatThrownBy(() -> decode(HEADER + "0100 0000 | c0a80001"))
        .isInstanceOf(NetflowDecodeException.class)
        .hasMessage("FlowSet 256 at offset 20 has length 0, shorter than its 4-byte header");
  }

  @Test
  void shouldRejectFlowSetPastTheEnd() {
    assertThatThrownBy(() -> decode(HEADER + "0100 0040 | c0a80001"))
        .isInstanceOf(NetflowDecodeException.class)
        .hasMessage("FlowSet 256 at offset 20 has length 64, only 8 bytes remain in the datagram");
  }

  @Test
  void shouldRejectTemplateWithAbsurdFieldCount() {
    assertThatThrownBy(() -> decode(HEADER + "0000 000c | 0100 ffff | 0008 0004"))
        .isInstanceOf(NetflowDecodeException.class)
        .hasMessage("template 256 declares 65535 fields (262140 bytes), only 4 bytes remain in "
            + "the FlowSet");
  }

  @Test
  void shouldRejectReservedTemplateId() {
    assertThatThrownBy(() -> decode(HEADER + "0000 000c | 0005 0001 | 0008 0004"))
        .isInstanceOf(NetflowDecodeException.class)
        .hasMessageContaining("template id 5 is reserved");
  }

  @Test
  void shouldRejectTemplateOfEmptyRecords() {
    assertThatThrownBy(() -> decode(HEADER + "0000 0010 | 0100 0002 | 0008 0000 | 000c 0000"))
        .isInstanceOf(NetflowDecodeException.class)
        .hasMessageContaining("template 256 describes an empty data record");
  }

  @Test
  void shouldRejectVariableLengthField() {
    assertThatThrownBy(() -> decode(HEADER + "0000 000c | 0100 0001 | 0052 ffff"))
        .isInstanceOf(NetflowDecodeException.class)
        .hasMessageContaining("NetFlow v9 has no variable-length fields");
  }

  @Test
  void shouldRejectOptionsTemplateWithRaggedLengths() {
    assertThatThrownBy(() -> decode(HEADER + "0001 0010 | 0102 0003 0004 | 0001 0004 0000"))
        .isInstanceOf(NetflowDecodeException.class)
        .hasMessageContaining("scope length 3 and option length 4 must be multiples of 4");
  }
}
