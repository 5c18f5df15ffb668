package io.watchfloor.protocol.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpRequestLineTest {

  static final String GET = "GET /index.html?q=1 HTTP/1.1\r\nUser-Agent: x\r\nHOST:  bro.org:8080 \r\n\r\n";

  private static HttpRequestLine parse(String text) {
    byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
    return HttpRequestLine.parse(ByteBuffer.wrap(b), 0, b.length);
  }

  @Test
  void shouldParseRequestLineAndHost() {
    HttpRequestLine request = parse(GET);

    assertThat(request).isEqualTo(
        new HttpRequestLine("GET", "/index.html?q=1", "1.1", "bro.org:8080"));
    assertThat(request.hostDomain()).isEqualTo("bro.org");
  }

  @Test
  void shouldStripBracketsFromAnIpv6Host() {
    assertThat(parse("GET / HTTP/1.1\nHost: [2001:db8::1]:80\n\n").hostDomain())
        .isEqualTo("2001:db8::1");
  }

  @Test
  void shouldLeaveHostEmptyWhenHeadersContinueInTheNextPacket() {
    assertThat(parse("POST /a HTTP/1.0\r\nContent-Length: 5\r\nHo").host()).isEmpty();
  }

  @Test
  void shouldNeverThrowOnARequestCutAtEveryOffset() {
    byte[] b = GET.getBytes(StandardCharsets.ISO_8859_1);
    for (int length = 0; length <= b.length; length++) {
      HttpRequestLine.parse(ByteBuffer.wrap(b), 0, length);
      HttpRequestLine.looksLikeRequest(ByteBuffer.wrap(b), 0, length);
    }
    assertThat(HttpRequestLine.parse(ByteBuffer.wrap(b), 0, 20)).isNull();
  }

  @Test
  void shouldRejectALineWithoutVersion() {
    assertThat(parse("GET /\r\n\r\n")).isNull();
  }

  @Test
  void shouldRejectASpaceInsideTheTarget() {
    assertThat(parse("GET /a b HTTP/1.1\r\n\r\n")).isNull();
  }

  @Test
  void shouldRejectAMethodThatIsNotAToken() {
    assertThat(parse("G(T / HTTP/1.1\r\n\r\n")).isNull();
  }

  @Test
  void shouldRejectABadVersion() {
    assertThat(parse("GET / HTTP/x.1\r\n\r\n")).isNull();
  }

  @Test
  void shouldRejectAnEmptyTarget() {
    assertThat(parse("GET  HTTP/1.1\r\n\r\n")).isNull();
  }
}
