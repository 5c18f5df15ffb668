package io.watchfloor.models.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SensitiveDataScannerTest {
  private final SensitiveDataScanner scanner = new SensitiveDataScanner(
      List.of(CustomPattern.of("employee_id", "EMP-[0-9]{6}", "EMP-")));

  private List<String> scan(String text, boolean ftp) {
    List<String> out = new ArrayList<>();
    byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
    scanner.scan(b, 0, b.length, 0, ftp, 0, (kind, name, category, redacted) -> out.add(kind + "=" + redacted));
    return out;
  }

  @Test
  void shouldFindLuhnValidCardNumbersWithOrWithoutSeparators() {
    assertThat(scan("card=4111111111111111&x=1", false)).containsExactly("card_number=************1111");
    assertThat(scan("pan: 5500 0000 0000 0004.", false)).containsExactly("card_number=************0004");
    assertThat(scan("amex 3782-822463-10005", false)).containsExactly("card_number=***********0005");
  }

  @Test
  void shouldIgnoreNumbersThatFailLuhnOrIssuerOrSitInsideTokens() {
    assertThat(scan("order 4111111111111112 done", false)).isEmpty(); // bad check digit
    assertThat(scan("id 1234567812345670", false)).isEmpty(); // no issuer starts with 1
    assertThat(scan("sha=ab4111111111111111cd", false)).isEmpty(); // part of a longer token
    assertThat(scan("ts 2026-11-22 04:30:00", false)).isEmpty();
  }

  @Test
  void shouldFindSsnsButNotInvalidAreas() {
    assertThat(scan("ssn 123-45-6789\n", false)).containsExactly("national_id=*****6789");
    assertThat(scan("ssn 666-45-6789 and 900-12-3456 and 123-00-4567", false)).isEmpty();
  }

  @Test
  void shouldFindPemPrivateKeysAndCertificates() {
    String key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx7Qs9\n-----END RSA PRIVATE KEY-----";
    assertThat(scan(key, false)).singleElement().asString()
        .startsWith("private_key=RSA PRIVATE KEY ").doesNotContain("MIIEowIBAAKCAQEA");
    assertThat(scan("-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIE\n", false)).singleElement()
        .asString().startsWith("certificate=CERTIFICATE ");
  }

  @Test
  void shouldFindAwsKeyIdsAndSecretsAfterTheirNames() {
    assertThat(scan("aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
        + "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n", false))
        .containsExactlyInAnyOrder("aws_access_key_id=****************MPLE", "aws_secret_key=****************EKEY");
    assertThat(scan("akiaiosfodnn7example", false)).isEmpty();
    assertThat(scan("id=ASIAY34FZKBOKMUTVV7A;", false)).containsExactly("aws_access_key_id=****************VV7A");
    assertThat(scan("AKIAIOSFODNN7EXAMPLEX", false)).as("21 characters: not a key id").isEmpty();
  }

  @Test
  void shouldDecodeHttpBasicCredentialsAndMaskThem() {
    // "alice:Secr3tPass"
    assertThat(scan("GET / HTTP/1.1\r\nAuthorization: Basic YWxpY2U6U2VjcjN0UGFzcw==\r\n", false))
        .containsExactly("http_basic_auth=************Pass");
  }

  @Test
  void shouldFindFtpPasswordsOnlyInFtpControlConnections() {
    String session = "USER alice\r\nPASS hunter22\r\n";
    assertThat(scan(session, true)).containsExactly("ftp_credentials=****er22");
    assertThat(scan(session, false)).isEmpty();
  }

  @Test
  void shouldRunCustomPatternsWhereTheirLiteralAppears() {
    assertThat(scan("staff EMP-123456 left", false)).containsExactly("employee_id=******3456");
    assertThat(scan("staff emp 123456 left", false)).isEmpty();
  }

  @Test
  void shouldReportTelnetLinesWhenTheyComplete() {
    byte[] b = "alice\rsecret99\r".getBytes(StandardCharsets.ISO_8859_1);
    List<String> out = new ArrayList<>();
    int lines = scanner.scan(b, 0, b.length, 0, false, 2, (kind, name, category, redacted) -> out.add(kind + "=" + redacted));
    assertThat(lines).isEqualTo(2);
    assertThat(out).containsExactly("telnet_login=*lice", "telnet_login=****et99");
  }

  @Test
  void shouldNeverShowMoreThanTheLastFourCharacters() {
    assertThat(Redaction.mask("abcd")).isEqualTo("****");
    assertThat(Redaction.mask("abcdefgh")).isEqualTo("****efgh");
    assertThat(Redaction.mask("x".repeat(100) + "tail")).isEqualTo("*".repeat(16) + "tail");
  }
}
