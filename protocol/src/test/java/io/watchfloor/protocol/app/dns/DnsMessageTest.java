package io.watchfloor.protocol.app.dns;

import static io.watchfloor.protocol.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class DnsMessageTest {

  // id 0x1234, RD, 1 question: a.example.attack TXT IN
  static final String QUERY = "1234 0100 0001 0000 0000 0000"
      + "| 01 61 07 6578616d706c65 06 61747461636b 00 | 0010 0001";
  // the response: QR RD RA, 2 TXT answers with names compressed to offset 12; rdata 4 and 6
  static final String RESPONSE = "1234 8180 0001 0002 0000 0000"
      + "| 01 61 07 6578616d706c65 06 61747461636b 00 | 0010 0001"
      + "| c00c 0010 0001 0000003c 0004 03 616263"
      + "| c00c 0010 0001 0000003c 0006 05 6465666768";

  private static DnsMessage parse(String hex) {
    byte[] b = bytes(hex);
    return DnsMessage.parse(ByteBuffer.wrap(b), 0, b.length);
  }

  @Test
  void shouldParseATxtQuery() {
    DnsMessage query = parse(QUERY);

    assertThat(query.response()).isFalse();
    assertThat(query.questionName()).isEqualTo("a.example.attack");
    assertThat(query.questionType()).isEqualTo(DnsRecordType.TXT);
    assertThat(query.questionClass()).isEqualTo(1);
    assertThat(query.txtRdataLengths()).isEmpty();
  }

  @Test
  void shouldReadTxtRdataSizesOfAResponse() {
    DnsMessage response = parse(RESPONSE);

    assertThat(response.response()).isTrue();
    assertThat(response.responseCode()).isEqualTo(DnsResponseCode.NOERROR);
    assertThat(response.answerCount()).isEqualTo(2);
    assertThat(response.txtRdataLengths()).containsExactly(4, 6);
    assertThat(response.txtBytes()).isEqualTo(10);
    assertThat(response.answersComplete()).isTrue();
  }

  @Test
  void shouldEscapeDotsAndUnprintableBytesInLabels() {
    DnsMessage query = parse("0001 0000 0001 0000 0000 0000 | 03 612e62 02 ff20 00 | 0001 0001");

    assertThat(query.questionName()).isEqualTo("a\\.b.\\255\\032");
  }

  @Test
  void shouldKeepUnknownTypesAndRcodes() {
    DnsMessage response = parse("0001 8183 0001 0000 0000 0000 | 00 | ff00 0001");

    assertThat(response.questionName()).isEqualTo(".");
    assertThat(response.questionType().mnemonic()).isEqualTo("TYPE65280");
    assertThat(response.responseCode()).isEqualTo(DnsResponseCode.NXDOMAIN);
  }

  @Test
  void shouldMarkAnAnswerSectionCutShort() {
    DnsMessage response = parse(RESPONSE.substring(0, RESPONSE.lastIndexOf('|')));

    assertThat(response.txtRdataLengths()).containsExactly(4);
    assertThat(response.answersComplete()).isFalse();
  }

  @Test
  void shouldNeverThrowOnAMessageCutAtEveryOffset() {
    byte[] b = bytes(RESPONSE);
    for (int length = 0; length <= b.length; length++) {
      DnsMessage.parse(ByteBuffer.wrap(b), 0, length);
      DnsMessage.looksLikeDns(ByteBuffer.wrap(b), 0, length);
    }
    byte[] q = bytes(QUERY);
    for (int length = 0; length < q.length; length++) {
      assertThat(DnsMessage.parse(ByteBuffer.wrap(q), 0, length)).as("cut at %d", length)
          .isNull();
    }
  }

  @Test
  void shouldRejectAQuestionNameThatPointsAtItself() {
    assertThat(parse("0001 0000 0001 0000 0000 0000 | c00c | 0001 0001")).isNull();
  }

  @Test
  void shouldRejectAnAnswerNameThatPointsForward() {
    // answer name points at offset 40, past itself: could loop; the answer section is cut
    DnsMessage response = parse("0001 8180 0001 0001 0000 0000 | 01 61 00 | 0001 0001"
        + "| c028 0001 0001 00000000 0000");

    assertThat(response.answersComplete()).isFalse();
  }

  @Test
  void shouldRejectALabelLongerThan63() {
    String label = "40" + "61".repeat(64);
    assertThat(parse("0001 0000 0001 0000 0000 0000 |" + label + "00 | 0001 0001")).isNull();
  }

  @Test
  void shouldRejectANameLongerThan255() {
    String labels = ("3f" + "61".repeat(63)).repeat(4); // 256 octets before the root
    assertThat(parse("0001 0000 0001 0000 0000 0000 |" + labels + "00 | 0001 0001")).isNull();
  }

  @Test
  void shouldRejectReservedLabelTypes() {
    assertThat(parse("0001 0000 0001 0000 0000 0000 | 41 61 00 | 0001 0001")).isNull();
  }

  @Test
  void shouldRejectTwoQuestions() {
    assertThat(parse(QUERY.replaceFirst("0001 0000", "0002 0000"))).isNull();
  }

  @Test
  void shouldRejectTheReservedZBit() {
    assertThat(parse(QUERY.replaceFirst("0100", "0140"))).isNull();
  }

  @Test
  void shouldRejectAnUnassignedOpcode() {
    assertThat(parse(QUERY.replaceFirst("0100", "1900"))).isNull();
  }

  @Test
  void shouldRejectAQueryClaimingMoreRecordsThanFit() {
    assertThat(parse(QUERY.replaceFirst("0000 0000 0000", "0000 0000 0005"))).isNull();
  }

  @Test
  void shouldRejectAnUnknownQuestionClass() {
    assertThat(parse(QUERY.replace("| 0010 0001", "| 0010 0002"))).isNull();
  }
}
