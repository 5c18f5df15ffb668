package io.watchfloor.protocol.app.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SshBannerTest {

  private static SshBanner parse(String text) {
    byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
    return SshBanner.parse(ByteBuffer.wrap(b), 0, b.length);
  }

  @Test
  void shouldParseBannerWithComments() {
    assertThat(parse("SSH-2.0-OpenSSH_5.8p1 Debian-1ubuntu3\r\n\0\0\0")).isEqualTo(
        new SshBanner("SSH-2.0-OpenSSH_5.8p1 Debian-1ubuntu3", "2.0", "OpenSSH_5.8p1",
            "Debian-1ubuntu3"));
  }

  @Test
  void shouldAcceptALineFeedWithoutCarriageReturn() {
    assertThat(parse("SSH-1.99-Cisco-1.25\n").softwareVersion()).isEqualTo("Cisco-1.25");
  }

  @Test
  void shouldNeverThrowOnABannerCutAtEveryOffset() {
    byte[] b = "SSH-2.0-OpenSSH_6.2\r\n".getBytes(StandardCharsets.ISO_8859_1);
    for (int length = 0; length < b.length; length++) {
      assertThat(SshBanner.parse(ByteBuffer.wrap(b), 0, length)).isNull();
    }
  }

  @Test
  void shouldRejectABannerLongerThan255Bytes() {
    assertThat(parse("SSH-2.0-" + "x".repeat(250) + "\r\n")).isNull();
  }

  @Test
  void shouldRejectControlCharacters() {
    assertThat(parse("SSH-2.0-Open\u001bSSH\r\n")).isNull();
  }

  @Test
  void shouldRejectAnEmptySoftwareVersion() {
    assertThat(parse("SSH-2.0- comment\r\n")).isNull();
  }

  @Test
  void shouldRejectANonNumericProtoVersion() {
    assertThat(parse("SSH-two-OpenSSH\r\n")).isNull();
  }

  @Test
  void shouldRejectOtherProtocols() {
    assertThat(parse("HTTP/1.1 200 OK\r\n")).isNull();
  }
}
