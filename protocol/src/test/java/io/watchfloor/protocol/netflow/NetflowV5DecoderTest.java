package io.watchfloor.protocol.netflow;

import static io.watchfloor.protocol.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchfloor.protocol.flow.FlowRecord;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetflowV5DecoderTest {

  // version 5, count 1, sys_uptime 10000 ms, unix_secs 1566411417, unix_nsecs 500000000,
  // flow_sequence 1, engine type/id 0, sampling 0
  private static final String HEADER_1 =
      "0005 0001 | 00002710 | 5d5d8a99 | 1dcd6500 | 00000001 | 00 00 0000";
  // 192.168.0.1:54321 > 10.0.0.2:80 TCP, 10 packets, 1000 bytes, first 8000 ms, last 9000 ms,
  // tcp_flags 0x1b
  private static final String TCP_RECORD = "c0a80001 0a000002 00000000 0000 0000 | 0000000a 000003e8"
      + " | 00001f40 00002328 | d431 0050 | 00 1b 06 00 | 0000 0000 | 00 00 | 0000";
  // 10.0.0.2 > 192.168.0.1 ICMP echo reply: type 0 code 0 in dstport (0x0000), a source port junk
  private static final String ICMP_RECORD = "0a000002 c0a80001 00000000 0000 0000 | 00000001 00000054"
      + " | 00002328 00002328 | 1234 0303 | 00 00 01 00 | 0000 0000 | 00 00 | 0000";

  private static List<FlowRecord> decode(String hex) {
    return NetflowV5Decoder.decode(ByteBuffer.wrap(bytes(hex)), "192.0.2.9");
  }

  @Test
  void shouldDecodeOneTcpRecordWithAbsoluteTimes() {
    List<FlowRecord> flows = decode(HEADER_1 + TCP_RECORD);

    assertThat(flows).hasSize(1);
    FlowRecord f = flows.get(0);
    assertThat(f.transport()).isEqualTo("tcp");
    assertThat(f.sourceIp()).isEqualTo("192.168.0.1");
    assertThat(f.sourcePort()).isEqualTo(54321);
    assertThat(f.destinationIp()).isEqualTo("10.0.0.2");
    assertThat(f.destinationPort()).isEqualTo(80);
    assertThat(f.sourcePackets()).isEqualTo(10);
    assertThat(f.sourceBytes()).isEqualTo(1000);
    assertThat(f.destinationPackets()).isZero();
    assertThat(f.destinationBytes()).isZero();
    // export at 1566411417.5 s, uptime 10 s: first (8 s) was 2 s earlier, last (9 s) 1 s earlier
    assertThat(f.startNanos()).isEqualTo(1_566_411_415_500_000_000L);
    assertThat(f.endNanos()).isEqualTo(1_566_411_416_500_000_000L);
    assertThat(f.vlan()).isEqualTo(-1);
    assertThat(f.origin()).isEqualTo("netflow5");
    assertThat(f.endReason()).isEqualTo("exported");
    assertThat(f.protocol()).isNull();
    assertThat(f.communityId()).isNull();
    assertThat(f.state()).isNull();
    assertThat(f.metadata()).containsEntry("observer.ip", "192.0.2.9")
        .containsEntry("watchfloor.flow.tcp_flags", "1b");
  }

  @Test
  void shouldDropPortsOfIcmpRecords() {
    List<FlowRecord> flows =
        decode("0005 0002 | 00002710 | 5d5d8a99 | 00000000 | 00000001 | 00 00 0000"
            + TCP_RECORD + ICMP_RECORD);

    assertThat(flows).extracting(FlowRecord::transport).containsExactly("tcp", "icmp");
    assertThat(flows.get(1).sourcePort()).isZero();
    assertThat(flows.get(1).destinationPort()).isZero();
    assertThat(flows.get(1).metadata()).doesNotContainKey("watchfloor.flow.tcp_flags");
  }

  @Test
  void shouldPlaceTimesAcrossAnUptimeWrap() {
    // uptime wrapped to 1000 ms; the flow started at 0xffffff00, 1256 ms before the export
    List<FlowRecord> flows = decode("0005 0001 | 000003e8 | 5d5d8a99 | 00000000 | 00000000"
        + " 00 00 0000 | c0a80001 0a000002 00000000 0000 0000 | 00000001 00000028"
        + " | ffffff00 000003e8 | d431 0050 | 00 02 06 00 | 0000 0000 | 00 00 | 0000");

    assertThat(flows.get(0).startNanos()).isEqualTo(1_566_411_417_000_000_000L - 1_256_000_000L);
    assertThat(flows.get(0).endNanos()).isEqualTo(1_566_411_417_000_000_000L);
  }

  @Test
  void shouldAcceptAnEmptyDatagram() {
    assertThat(decode("0005 0000 | 00002710 | 5d5d8a99 | 00000000 | 00000001 | 00 00 0000"))
        .isEmpty();
  }

  // ------------------------------------------------------------------ malformed

  @Test
  void shouldRejectTruncatedHeader() {
    assertThatThrownBy(() -> decode("0005 0001 00002710 5d5d8a99 1dcd6500"))
        .isInstanceOf(NetflowDecodeException.class)
        .hasMessage("NetFlow v5 header needs 24 bytes, datagram has 16");
  }

  @Test
  void shouldRejectCountAboveThirty() {
    assertThatThrownBy(() -> decode("0005 001f | 00002710 | 5d5d8a99 | 00000000 | 00000001 | 0000 0000"
        + TCP_RECORD))
        .isInstanceOf(NetflowDecodeException.class)
        .hasMessage("NetFlow v5 header announces 31 records, at most 30 are allowed");
  }

  @Test
  void shouldRejectCountPastTheEnd() {
    assertThatThrownBy(() -> decode("0005 0002 | 00002710 | 5d5d8a99 | 00000000 | 00000001 | 0000 0000"
        + TCP_RECORD))
        .isInstanceOf(NetflowDecodeException.class)
        .hasMessage("NetFlow v5 header announces 2 records (120 bytes), datagram has 72");
  }

  @Test
  void shouldRejectTruncatedRecord() {
    String truncated = HEADER_1 + "c0a80001 0a000002 00000000 0000 0000 | 0000000a 000003e8";
    assertThatThrownBy(() -> decode(truncated))
        .isInstanceOf(NetflowDecodeException.class)
        .hasMessageContaining("announces 1 records (72 bytes)");
  }

  @Test
  void shouldRejectOtherVersions() {
    assertThatThrownBy(() -> decode("0009 0001 | 00002710 | 5d5d8a99 | 00000000 | 00000001 | 0000 0000"))
        .isInstanceOf(NetflowDecodeException.class)
        .hasMessage("expected NetFlow version 5, found 9");
  }
}
