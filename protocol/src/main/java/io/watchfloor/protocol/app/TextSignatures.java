package io.watchfloor.protocol.app;

import java.nio.ByteBuffer;

/**
 * Line-based protocols whose first packet is a greeting or a command: FTP (RFC 959), SMTP (RFC
 * 5321), POP3 (RFC 1939), IMAP (RFC 9051) and SIP (RFC 3261). Each method returns the bit set
 * of {@link AppProtocol#ordinal()}s the packet is plausible for; several bits mean a tie.
 */
final class TextSignatures {

  /** RFC 5321 §4.5.3.1.5: a reply line is at most 512 octets; the first line is all we read. */
  static final int MAX_GREETING_LINE = 512;

  private static final int FTP = bit(AppProtocol.FTP);
  private static final int SMTP = bit(AppProtocol.SMTP);
  private static final int POP3 = bit(AppProtocol.POP3);

  /** Commands only FTP has (RFC 959 §4.1, RFC 2389 FEAT, RFC 2428 EPSV/EPRT, RFC 4217 AUTH). */
  private static final String[] FTP_COMMANDS = {"SYST", "FEAT", "PASV", "EPSV", "PORT ",
      "EPRT ", "CWD ", "PWD", "TYPE ", "STOR ", "MKD ", "RMD ", "NLST", "MLSD", "SIZE ", "MDTM ",
      "AUTH TLS", "AUTH SSL", "OPTS "};
  /** RFC 959 and RFC 1939 share these. */
  private static final String[] FTP_OR_POP3_COMMANDS = {"USER ", "PASS ", "LIST", "RETR ",
      "DELE "};
  private static final String[] POP3_COMMANDS = {"APOP ", "STAT", "UIDL", "TOP ", "CAPA",
      "STLS"};
  private static final String[] SMTP_COMMANDS = {"EHLO ", "HELO ", "MAIL FROM:", "RCPT TO:",
      "STARTTLS"};
  /** Words FTP servers put in their 220 greeting. */
  private static final String[] FTP_GREETING_WORDS = {"FTP", "FileZilla"};
  /** Words SMTP servers put in theirs; "SMTP" also matches "ESMTP". */
  private static final String[] SMTP_GREETING_WORDS = {"SMTP", "Postfix", "Exim", "Sendmail"};
  /** RFC 3261 §7.1 methods, RFC 3262 PRACK, RFC 6665, RFC 3903, RFC 6086, RFC 3515, 3428, 3311. */
  private static final String[] SIP_METHODS = {"INVITE ", "ACK ", "BYE ", "CANCEL ",
      "REGISTER ", "OPTIONS ", "PRACK ", "SUBSCRIBE ", "NOTIFY ", "PUBLISH ", "INFO ",
      "REFER ", "MESSAGE ", "UPDATE "};

  private TextSignatures() {}

  static int bit(AppProtocol protocol) {
    return 1 << protocol.ordinal();
  }

  /** Server greetings (220 FTP or SMTP, +OK POP3, * OK IMAP) and client commands. */
  static int mailOrFile(ByteBuffer buf, int offset, int end) {
    int lineFeed = PayloadText.lineFeed(buf, offset, Math.min(end, offset + MAX_GREETING_LINE));
    if (lineFeed < 0) {
      return 0; // every one of these protocols ends its first line within the packet
    }
    int lineEnd = PayloadText.lineEnd(buf, offset, lineFeed);
    if (!PayloadText.isPrintable(buf, offset, lineEnd)) {
      return 0;
    }
    if (PayloadText.startsWith(buf, offset, lineEnd, "220 ")
        || PayloadText.startsWith(buf, offset, lineEnd, "220-")) {
      return greeting220(buf, offset + 4, lineEnd);
    }
    if (PayloadText.startsWith(buf, offset, lineEnd, "+OK")) {
      return POP3;
    }
    if (PayloadText.startsWith(buf, offset, lineEnd, "* OK")
        || PayloadText.startsWith(buf, offset, lineEnd, "* PREAUTH")) {
      return bit(AppProtocol.IMAP);
    }
    int candidates = 0;
    if (anyPrefix(buf, offset, lineEnd, FTP_COMMANDS)) {
      candidates |= FTP;
    }
    if (anyPrefix(buf, offset, lineEnd, FTP_OR_POP3_COMMANDS)) {
      candidates |= FTP | POP3;
    }
    if (anyPrefix(buf, offset, lineEnd, POP3_COMMANDS)) {
      candidates |= POP3;
    }
    if (anyPrefix(buf, offset, lineEnd, SMTP_COMMANDS)) {
      candidates |= SMTP;
    }
    return candidates;
  }

  /** "220" opens both FTP and SMTP sessions: the text after the code tells them apart. */
  private static int greeting220(ByteBuffer buf, int textStart, int lineEnd) {
    int candidates = 0;
    for (String word : FTP_GREETING_WORDS) {
      if (PayloadText.containsIgnoreCase(buf, textStart, lineEnd, word)) {
        candidates |= FTP;
      }
    }
    for (String word : SMTP_GREETING_WORDS) {
      if (PayloadText.containsIgnoreCase(buf, textStart, lineEnd, word)) {
        candidates |= SMTP;
      }
    }
    return candidates == 0 ? FTP | SMTP : candidates;
  }

  /** A SIP request line with a sip:/sips: URI, or a SIP/2.0 status line (RFC 3261 §7). */
  static boolean isSip(ByteBuffer buf, int offset, int end) {
    if (PayloadText.startsWith(buf, offset, end, "SIP/2.0 ")) {
      return true;
    }
    for (String method : SIP_METHODS) {
      if (PayloadText.startsWith(buf, offset, end, method)) {
        int uri = offset + method.length();
        return PayloadText.startsWithIgnoreCase(buf, uri, end, "sip:")
            || PayloadText.startsWithIgnoreCase(buf, uri, end, "sips:");
      }
    }
    return false;
  }

  private static boolean anyPrefix(ByteBuffer buf, int offset, int lineEnd, String[] prefixes) {
    for (String prefix : prefixes) {
      // a command is the whole line or is followed by its arguments
      if (PayloadText.startsWith(buf, offset, lineEnd, prefix)
          && (prefix.endsWith(" ") || prefix.endsWith(":") || offset + prefix.length() == lineEnd
              || buf.get(offset + prefix.length()) == ' ')) {
        return true;
      }
    }
    return false;
  }
}
