package io.watchfloor.protocol.netflow;

import static io.watchfloor.protocol.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FlowExportDecoderTest {

  private static final String V5 = "0005 0001 | 00002710 | 5d5d8a99 | 1dcd6500 | 00000001 | 0000 0000"
      + " | c0a80001 0a000002 00000000 0000 0000 | 0000000a 000003e8 | 00001f40 00002328"
      + " | d431 0050 | 00 1b 06 00 | 0000 0000 | 00 00 | 0000";
  private static final String V9 = "0009 0002 | 00002710 | 5d5d8a99 | 00000001 | 00000007"
      + " | 0000 0018 | 0100 0004 | 0008 0004 | 000c 0004 | 0004 0001 | 0002 0004"
      + " | 0100 0014 | c0a80001 0a000002 11 00000002 | 000000";
  private static final String IPFIX = "000a 0039 | 5d5d8a99 | 00000001 | 00000001"
      + " | 0002 0018 | 0100 0004 | 0008 0004 | 000c 0004 | 0004 0001 | 0002 0004"
      + " | 0100 0011 | c0a80001 0a000002 11 00000002";

  private final FlowExportDecoder decoder = new FlowExportDecoder();

  @Test
  void shouldDispatchOnTheVersionField() {
    assertThat(decoder.decode(bytes(V5), "192.0.2.9").flows()).extracting(f -> f.origin())
        .containsExactly("netflow5");
    assertThat(decoder.decode(bytes(V9), "192.0.2.9").flows()).extracting(f -> f.origin())
        .containsExactly("netflow9");
    assertThat(decoder.decode(bytes(IPFIX), "192.0.2.9").flows()).extracting(f -> f.origin())
        .containsExactly("ipfix");
  }

  @Test
  void shouldLeaveTheBufferPositionAlone() {
    ByteBuffer buffer = ByteBuffer.wrap(bytes("ffff" + V5));
    buffer.position(2);

    DecodeResult result = decoder.decode(buffer, "192.0.2.9");

    assertThat(result.flows()).hasSize(1);
    assertThat(buffer.position()).isEqualTo(2);
  }

  // ------------------------------------------------------------------ malformed

  @Test
  void shouldReportUnsupportedVersion() {
    DecodeResult result = decoder.decode(bytes("0007 0001 00000000"), "192.0.2.9");

    assertThat(result.ok()).isFalse();
    assertThat(result.error()).isEqualTo(
        "unsupported flow export version 7, expected 5 (NetFlow v5), 9 (NetFlow v9) or 10 (IPFIX)");
  }

  @Test
  void shouldReportDatagramTooShortForAVersion() {
    assertThat(decoder.decode(bytes("00"), "192.0.2.9").error())
        .isEqualTo("datagram of 1 bytes is too short for a version field");
  }

  @Test
  void shouldReportDecoderErrorsInsteadOfThrowing() {
    DecodeResult result = decoder.decode(bytes("0005 0002 | 00002710"), "192.0.2.9");

    assertThat(result.flows()).isEmpty();
    assertThat(result.error()).isEqualTo("NetFlow v5 header needs 24 bytes, datagram has 8");
  }

  @Test
  void shouldNeverThrowOnTruncatedOrCorruptedDatagrams() {
    Random random = new Random(42);
    for (String valid : List.of(V5, V9, IPFIX)) {
      byte[] datagram = bytes(valid);
      for (int length = 0; length <= datagram.length; length++) {
        byte[] truncated = Arrays.copyOf(datagram, length);
        assertThatCode(() -> decoder.decode(truncated, "192.0.2.9")).doesNotThrowAnyException();
      }
      for (int i = 0; i < 2_000; i++) {
        byte[] corrupted = datagram.clone();
        corrupted[2 + random.nextInt(corrupted.length - 2)] = (byte) random.nextInt(256);
        corrupted[2 + random.nextInt(corrupted.length - 2)] = (byte) random.nextInt(256);
        assertThatCode(() -> decoder.decode(corrupted, "192.0.2." + random.nextInt(4)))
            .doesNotThrowAnyException();
      }
    }
  }
}
