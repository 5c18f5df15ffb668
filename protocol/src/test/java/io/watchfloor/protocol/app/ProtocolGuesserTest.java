package io.watchfloor.protocol.app;

import static io.watchfloor.protocol.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProtocolGuesserTest {

  private static final int TCP = 6;
  private static final int UDP = 17;

  private static AppProtocol text(String payload, int ipProtocol, int srcPort, int dstPort) {
    byte[] b = payload.getBytes(StandardCharsets.ISO_8859_1);
    return ProtocolGuesser.guess(ByteBuffer.wrap(b), 0, b.length, ipProtocol, srcPort, dstPort);
  }

  private static AppProtocol hex(String payload, int ipProtocol, int srcPort, int dstPort) {
    byte[] b = bytes(payload);
    return ProtocolGuesser.guess(ByteBuffer.wrap(b), 0, b.length, ipProtocol, srcPort, dstPort);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "GET / HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n|HTTP",
      "HTTP/1.1 200 OK\\r\\n|HTTP",
      "SSH-2.0-OpenSSH_9.6\\r\\n|SSH",
      "220-FileZilla Server version 0.9.33 beta\\r\\n|FTP",
      "220 (vsFTPd 3.0.3)\\r\\n|FTP",
      "220 mx.example.org ESMTP Postfix\\r\\n|SMTP",
      "EHLO client.example.org\\r\\n|SMTP",
      "SYST\\r\\n|FTP",
      "+OK POP3 ready\\r\\n|POP3",
      "* OK IMAP4rev1 ready\\r\\n|IMAP",
      "INVITE sip:bob@example.org SIP/2.0\\r\\n|SIP"})
  void shouldGuessTextProtocolsOnAnUnrelatedPort(String payload, AppProtocol expected) {
    assertThat(text(payload.replace("\\r\\n", "\r\n"), TCP, 40000, 9999)).isEqualTo(expected);
  }

  @Test
  void shouldGuessBinaryTcpProtocols() {
    assertThat(hex("16030300ae010000aa0303", TCP, 1, 2)).isEqualTo(AppProtocol.TLS);
    assertThat(hex("00000054 fe534d42 40000000", TCP, 1, 2)).isEqualTo(AppProtocol.SMB);
    assertThat(hex("0300002c27e00000000000436f6f6b6965", TCP, 1, 2)).isEqualTo(AppProtocol.RDP);
    assertThat(hex("fffd18 fffd20", TCP, 1, 2)).isEqualTo(AppProtocol.TELNET);
  }

  @Test
  void shouldGuessBinaryUdpProtocols() {
    assertThat(hex("1234 0100 0001 0000 0000 0000 01 61 00 0001 0001", UDP, 1, 2))
        .isEqualTo(AppProtocol.DNS);
    assertThat(hex("23 00 06 e9" + "00".repeat(44), UDP, 1, 2)).isEqualTo(AppProtocol.NTP);
    assertThat(hex("010106 00" + "00".repeat(232) + "63825363 3501 01 ff", UDP, 1, 2))
        .isEqualTo(AppProtocol.DHCP);
    assertThat(hex("c3 00000001 08 0102030405060708 00" + "00".repeat(1200), UDP, 1, 2))
        .isEqualTo(AppProtocol.QUIC);
  }

  @Test
  void shouldUseThePortOnlyToBreakAnFtpSmtpTie() {
    String greeting = "220 Service ready\r\n";
    assertThat(text(greeting, TCP, 21, 50000)).isEqualTo(AppProtocol.FTP);
    assertThat(text(greeting, TCP, 25, 50000)).isEqualTo(AppProtocol.SMTP);
    assertThat(text(greeting, TCP, 8021, 50000)).isEqualTo(AppProtocol.UNKNOWN);
    assertThat(text("USER bob\r\n", TCP, 50000, 110)).isEqualTo(AppProtocol.POP3);
  }

  @Test
  void shouldNotLetAPortDecideAlone() {
    assertThat(text("hello\r\n", TCP, 50000, 80)).isEqualTo(AppProtocol.UNKNOWN);
    assertThat(hex("00112233445566778899", UDP, 50000, 53)).isEqualTo(AppProtocol.UNKNOWN);
  }

  @Test
  void shouldNotTakeAQuicInitialShorterThan1200BytesOrANtpLookalike() {
    assertThat(hex("c3 00000001 08 0102030405060708 00", UDP, 1, 2))
        .isEqualTo(AppProtocol.UNKNOWN);
    assertThat(hex("23 11 06 e9" + "00".repeat(44), UDP, 1, 2)).isEqualTo(AppProtocol.UNKNOWN);
  }

  @Test
  void shouldNotTakeSipOptionsForHttp() {
    assertThat(text("OPTIONS sip:a@b SIP/2.0\r\n", TCP, 1, 2)).isEqualTo(AppProtocol.SIP);
  }

  @Test
  void shouldReturnUnknownForOtherTransportsAndBadRanges() {
    byte[] b = "SSH-2.0-x\r\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(ProtocolGuesser.guess(ByteBuffer.wrap(b), 0, b.length, 132, 1, 2))
        .isEqualTo(AppProtocol.UNKNOWN);
    assertThat(ProtocolGuesser.guess(ByteBuffer.wrap(b), 5, b.length, TCP, 1, 2))
        .isEqualTo(AppProtocol.UNKNOWN);
    assertThat(ProtocolGuesser.guess(null, 0, 1, TCP, 1, 2)).isEqualTo(AppProtocol.UNKNOWN);
  }

  @Test
  void shouldNeverThrowOnEveryPrefixOfEverySignature() {
    String[] payloads = {"16030300ae010000aa0303", "00000054fe534d4240000000",
        "0300002c27e00000000000", "fffd18", "c300000001080102030405060708"};
    for (String payload : payloads) {
      byte[] b = bytes(payload);
      for (int length = 0; length <= b.length; length++) {
        ProtocolGuesser.guess(ByteBuffer.wrap(b), 0, length, TCP, 1, 2);
        ProtocolGuesser.guess(ByteBuffer.wrap(b), 0, length, UDP, 1, 2);
      }
    }
  }
}
