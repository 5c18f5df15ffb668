package io.watchfloor.protocol.app;

import static io.watchfloor.protocol.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppInspectorTest {

  @Test
  void shouldReportHttpFieldsFromTheClient() {
    byte[] b = "GET /x HTTP/1.1\r\nHost: a.example:81\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    assertThat(AppInspector.inspect(AppProtocol.HTTP, ByteBuffer.wrap(b), 0, b.length, true))
        .isEqualTo(Map.of(AppMetadata.HTTP_REQUEST_METHOD, "GET", AppMetadata.URL_ORIGINAL, "/x",
            AppMetadata.HTTP_VERSION, "1.1", AppMetadata.URL_DOMAIN, "a.example"));
  }

  @Test
  void shouldReportDnsResponseFields() {
    byte[] b = bytes("1234 8180 0001 0001 0000 0000 | 01 61 00 | 0010 0001"
        + "| c00c 0010 0001 0000003c 0004 03 616263");

    assertThat(AppInspector.inspect(AppProtocol.DNS, ByteBuffer.wrap(b), 0, b.length, false))
        .containsEntry(AppMetadata.DNS_QUESTION_NAME, "a")
        .containsEntry(AppMetadata.DNS_QUESTION_TYPE, "TXT")
        .containsEntry(AppMetadata.DNS_RESPONSE_CODE, "NOERROR")
        .containsEntry(AppMetadata.DNS_ANSWERS_COUNT, "1")
        .containsEntry(AppMetadata.DNS_TXT_BYTES, "4");
  }

  @Test
  void shouldReturnAnEmptyMapWhenThePayloadDoesNotParse() {
    byte[] b = bytes("00010203");

    assertThat(AppInspector.inspect(AppProtocol.DNS, ByteBuffer.wrap(b), 0, 4, true)).isEmpty();
    assertThat(AppInspector.inspect(AppProtocol.TLS, ByteBuffer.wrap(b), 0, 4, true)).isEmpty();
    assertThat(AppInspector.inspect(AppProtocol.SMB, ByteBuffer.wrap(b), 0, 4, true)).isEmpty();
    assertThat(AppInspector.inspect(AppProtocol.SSH, ByteBuffer.wrap(b), 2, 4, true)).isEmpty();
  }

  @Test
  void shouldIgnoreHttpResponsesAndServerTls() {
    byte[] b = "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    assertThat(AppInspector.inspect(AppProtocol.HTTP, ByteBuffer.wrap(b), 0, b.length, false))
        .isEmpty();
  }
}
