package io.watchfloor.protocol.decode;

import static io.watchfloor.protocol.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.protocol.pcap.LinkTypes;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TCP options (RFC 9293 §3.2, RFC 7323, RFC 2018): read when well formed, flagged when not. */
class TcpOptionsTest {
  private static final String ETH = "000000000002 000000000001 0800";
  private final PacketDecoder decoder = new PacketDecoder();

  /** An Ethernet/IPv4/TCP SYN whose TCP header carries {@code options} (a multiple of 4 bytes). */
  private DecodedPacket synWithOptions(String options) {
    int optionBytes = options.replace(" ", "").length() / 2;
    int tcpHeader = 20 + optionBytes;
    String ip = String.format("4500 %04x 0001 0000 4006 0000 0a000001 c0a80102", 20 + tcpHeader);
    String tcp = String.format("3039 0050 00000001 00000000 %x002 ffff 0000 0000", tcpHeader / 4);
    byte[] frame = bytes(ETH + ip + tcp + options);
    return decoder.decode(LinkTypes.ETHERNET, ByteBuffer.wrap(frame), 0, frame.length, frame.length, 1L);
  }

  @Test
  void shouldReadTheOptionsOfATypicalSyn() {
    DecodedPacket p = synWithOptions("020405b4 01 030307 0402 080a0000000100000000");

    assertThat(p.isMalformed()).isFalse();
    assertThat(p.tcpMss()).isEqualTo(1460);
    assertThat(p.tcpWindowScale()).isEqualTo(7);
    assertThat(p.tcpOptions())
        .isEqualTo(DecodedPacket.TCP_OPT_SACK_PERMITTED | DecodedPacket.TCP_OPT_TIMESTAMPS);
    assertThat(p.payloadLength()).isZero();
  }

  @Test
  void shouldSkipUnknownKindsByTheirLength() {
    DecodedPacket p = synWithOptions("1e040000 020405b4");
    assertThat(p.isMalformed()).isFalse();
    assertThat(p.tcpMss()).isEqualTo(1460);
  }

  @Test
  void shouldStopAtEndOfOptionList() {
    DecodedPacket p = synWithOptions("00ffffff");
    assertThat(p.isMalformed()).isFalse();
    assertThat(p.tcpMss()).isEqualTo(-1);
  }

  @Test
  void shouldReadSackBlocks() {
    DecodedPacket p = synWithOptions("0101 050a 00000001 00000002 0000");
    assertThat(p.isMalformed()).isFalse();
    assertThat(p.tcpOptions() & DecodedPacket.TCP_OPT_SACK).isNotZero();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "MSS of length 5, 020505b4 00 000000",
    "option of length 0, 0300 0000",
    "option of length 1, 0301 0000",
    "length past the header, 080a 0000",
    "kind without a length byte, 010101 1e",
    "SACK of 6 bytes, 0506 00000000 0101",
    "window scale of length 4, 0304 0700",
    "timestamps of length 8, 0808 000000000000 0101",
  })
  void shouldFlagABadOption(String what, String options) {
    DecodedPacket p = synWithOptions(options);
    assertThat(p.malformation()).as(what).isEqualTo(Malformation.BAD_TCP_OPTION);
    assertThat(p.dstPort()).as("ports are still decoded").isEqualTo(80);
  }
}
