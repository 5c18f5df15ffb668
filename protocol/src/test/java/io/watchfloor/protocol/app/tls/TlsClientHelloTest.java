package io.watchfloor.protocol.app.tls;

import static io.watchfloor.protocol.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class TlsClientHelloTest {

  /** SharpRDP's ClientHello, lateral_rdp_sharprdp.pcapng frame 8 (after X.224 negotiation). */
  static final String RDP_CLIENT_HELLO = "16030300ae010000aa03035f161be96ed1d58c9593c0154f661475"
      + "d175a79a2222afd2ec8b28773810fd6f00002ac02cc02bc030c02f009f009ec024c023c028c027c00ac009c0"
      + "14c013009d009c003d003c0035002f000a0100005700000013001100000e3139322e3136382e35362e313031"
      + "000500050100000000000a00080006001d00170018000b00020100000d001400120401050102010403050302"
      + "030202060106030023000000170000ff01000100";

  /**
   * Hand-built: GREASE cipher 0x0a0a then 0x1301; extensions GREASE 0x2a2a (empty), SNI
   * "a.io", supported_groups [0x3a3a, 29], ec_point_formats [0], ALPN [h2, http/1.1].
   */
  static final String GREASE_CLIENT_HELLO = "16 0301 0064 | 01 000060 | 0303"
      + "0000000000000000000000000000000000000000000000000000000000000000 | 00"
      + "| 0004 0a0a 1301 | 01 00 | 0033"
      + "| 2a2a 0000"
      + "| 0000 0009 0007 00 0004 612e696f"
      + "| 000a 0006 0004 3a3a 001d"
      + "| 000b 0002 01 00"
      + "| 0010 000e 000c 02 6832 08 687474702f312e31";

  private static TlsClientHello parse(String hex) {
    byte[] b = bytes(hex);
    return TlsClientHello.parse(ByteBuffer.wrap(b), 0, b.length);
  }

  @Test
  void shouldComputeTheJa3TsharkComputesForSharpRdp() {
    TlsClientHello hello = parse(RDP_CLIENT_HELLO);

    assertThat(hello.ja3()).isEqualTo("771,49196-49195-49200-49199-159-158-49188-49187-49192-"
        + "49191-49162-49161-49172-49171-157-156-61-60-53-47-10,0-5-10-11-13-35-23-65281,"
        + "29-23-24,0");
    assertThat(hello.ja3Hash()).isEqualTo("ce5f3254611a8c095a3d821d44539877");
    assertThat(hello.serverName()).isEqualTo("192.168.56.101");
    assertThat(hello.alpnProtocols()).isEmpty();
  }

  @Test
  void shouldLeaveGreaseOutOfJa3ButKeepItInTheLists() {
    TlsClientHello hello = parse(GREASE_CLIENT_HELLO);

    assertThat(hello.ja3()).isEqualTo("771,4865,0-10-11-16,29,0");
    assertThat(hello.cipherSuites()).containsExactly(0x0a0a, 0x1301);
    assertThat(hello.extensionTypes()).startsWith(0x2a2a);
  }

  @Test
  void shouldReadServerNameAndAlpnList() {
    TlsClientHello hello = parse(GREASE_CLIENT_HELLO);

    assertThat(hello.serverName()).isEqualTo("a.io");
    assertThat(hello.alpnProtocols()).containsExactly("h2", "http/1.1");
  }

  @Test
  void shouldRecogniseGreaseValues() {
    assertThat(TlsClientHello.isGrease(0x0a0a)).isTrue();
    assertThat(TlsClientHello.isGrease(0xfafa)).isTrue();
    assertThat(TlsClientHello.isGrease(0x0a1a)).isFalse();
    assertThat(TlsClientHello.isGrease(0x1301)).isFalse();
  }

  @Test
  void shouldNeverThrowOnAClientHelloCutAtEveryOffset() {
    for (String hex : new String[] {RDP_CLIENT_HELLO, GREASE_CLIENT_HELLO}) {
      byte[] b = bytes(hex);
      for (int length = 0; length < b.length; length++) {
        assertThat(TlsClientHello.parse(ByteBuffer.wrap(b), 0, length)).as("cut at %d", length)
            .isNull();
      }
    }
  }

  @Test
  void shouldRejectAClientHelloSplitOverTwoRecords() {
    // record length 0x0010 while the handshake says 0x60: the rest is in the next record
    assertThat(parse(GREASE_CLIENT_HELLO.replaceFirst("0064", "0010"))).isNull();
  }

  @Test
  void shouldRejectANonHandshakeRecord() {
    assertThat(parse("17" + GREASE_CLIENT_HELLO.substring(2))).isNull();
  }

  @Test
  void shouldRejectAServerHello() {
    assertThat(parse(GREASE_CLIENT_HELLO.replaceFirst("\\| 01 000060", "| 02 000060")))
        .isNull();
  }

  @Test
  void shouldRejectAnUnknownRecordVersion() {
    assertThat(parse("16 0305" + GREASE_CLIENT_HELLO.substring(7))).isNull();
  }

  @Test
  void shouldRejectAnOddCipherSuitesLength() {
    assertThat(parse(GREASE_CLIENT_HELLO.replace("0004 0a0a 1301", "0003 0a0a 1301"))).isNull();
  }

  @Test
  void shouldRejectExtensionsLengthThatDoesNotFillTheMessage() {
    assertThat(parse(GREASE_CLIENT_HELLO.replace("| 0033", "| 0032"))).isNull();
  }

  @Test
  void shouldRejectAnSniListLengthLyingAboutItsEntries() {
    assertThat(parse(GREASE_CLIENT_HELLO.replace("0009 0007 00 0004", "0009 0008 00 0004")))
        .isNull();
  }

  @Test
  void shouldRejectAnEmptyAlpnProtocolName() {
    assertThat(parse(GREASE_CLIENT_HELLO.replace("02 6832 08", "00 6832 08"))).isNull();
  }

  @Test
  void shouldNotReadOutsideTheGivenRegion() {
    byte[] b = bytes(RDP_CLIENT_HELLO);
    assertThat(TlsClientHello.parse(ByteBuffer.wrap(b), 10, b.length)).isNull();
    assertThat(TlsClientHello.parse(null, 0, 10)).isNull();
  }
}
