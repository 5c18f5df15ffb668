package io.watchfloor.models.inspect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Finds sensitive data in a window of cleartext payload: payment card numbers (13–19 digits,
 * optionally grouped by single spaces or dashes, a known issuer prefix and a valid Luhn check digit),
 * US social security numbers ({@code ddd-dd-dddd}, SSA-valid area, group and serial), PEM private
 * keys and certificates, AWS access key ids and secret keys (the latter after their usual names),
 * HTTP Basic credentials, FTP passwords, Telnet login lines, and the site's custom patterns.
 * Keyword-triggered kinds are found with one {@link LiteralMatcher} pass, numbers with one pass over
 * the digits; nothing is allocated unless something is found. Everything reported is already
 * redacted.
 *
 * <p>Not thread-safe: one per capture thread.
 */
public final class SensitiveDataScanner implements LiteralMatcher.Hits {

  /** Receives each find, with its snippet already redacted. */
  public interface Found {
    void found(String kind, String name, String category, String redacted);
  }

  /** Long keywords only: the matcher then probes every 6th byte (AWS key ids are found as tokens). */
  private static final String[] KEYWORDS = {
    "-----BEGIN ", "aws_secret_access_key", "SecretAccessKey", "Authorization: Basic "
  };
  private static final int PEM = 0;
  private static final int AWS_SECRET = 1;
  private static final int AWS_SECRET_JSON = 2;
  private static final int BASIC = 3;
  /** A key id is a 20-character token; probing every 16th byte meets each one. */
  private static final int KEY_ID_PROBE = 16;
  private static final int MIN_CARD_DIGITS = 13;
  private static final int MAX_CARD_DIGITS = 19;
  private static final int MIN_DIGIT_RUN = 4;
  private static final int AWS_KEY_ID_LENGTH = 20;
  private static final int AWS_SECRET_LENGTH = 40;
  private static final int PEM_LABEL_MAX = 40;
  private static final int BASIC_TOKEN_MAX = 256;
  private static final int LINE_MAX = 128;
  /** Telnet lines reported per flow: the user name and the password. */
  static final int TELNET_LOGIN_LINES = 2;

  private static final byte[] PEM_BEGIN = KEYWORDS[PEM].getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] PASS_COMMAND = "PASS ".getBytes(StandardCharsets.ISO_8859_1);

  private final LiteralMatcher keywords;
  /** {@link #keywords} and the FTP {@code PASS} command, for FTP control connections only. */
  private final LiteralMatcher ftpKeywords;
  private final int ftpPass;
  private final List<CustomPattern> custom;
  private final int[] digits = new int[MAX_CARD_DIGITS + 1];

  private byte[] bytes;
  private int to;
  private boolean ftp;
  private boolean[] customSeen;
  private Found found;

  public SensitiveDataScanner(List<CustomPattern> custom) {
    this.custom = List.copyOf(custom);
    List<byte[]> literals = new ArrayList<>();
    for (String k : KEYWORDS) {
      literals.add(k.getBytes(StandardCharsets.ISO_8859_1));
    }
    for (CustomPattern p : custom) {
      if (!p.literal().isEmpty()) {
        literals.add(p.literalBytes());
      }
    }
    keywords = new LiteralMatcher(literals);
    ftpPass = literals.size();
    literals.add(PASS_COMMAND);
    ftpKeywords = new LiteralMatcher(literals);
    customSeen = new boolean[custom.size()];
  }

  /**
   * Scans {@code bytes[from, to)}, reporting finds that end after {@code reportAfter} (bytes before
   * it were scanned with the previous packet).
   *
   * @param ftp the flow is an FTP control connection (USER/PASS lines count)
   * @param telnetLines Telnet login lines still to report in this flow (0: not a Telnet client)
   * @return Telnet login lines reported
   */
  public int scan(byte[] bytes, int from, int to, int reportAfter, boolean ftp, int telnetLines, Found found) {
    this.bytes = bytes;
    this.to = to;
    this.ftp = ftp;
    this.found = found;
    (ftp ? ftpKeywords : keywords).scan(bytes, from, to, reportAfter, this);
    scanNumbers(bytes, from, to, reportAfter);
    scanKeyIds(bytes, from, to, reportAfter);
    runCustom(from, to, reportAfter);
    int telnet = telnetLines > 0 ? scanTelnet(bytes, from, to, reportAfter, telnetLines) : 0;
    this.bytes = null;
    this.found = null;
    return telnet;
  }

  @Override
  public void hit(int literal, int start, int end) {
    if (literal == ftpPass) {
      ftpPass(start, end);
      return;
    }
    switch (literal) {
      case PEM:
        pem(start, end);
        break;
      case AWS_SECRET:
      case AWS_SECRET_JSON:
        awsSecret(end);
        break;
      case BASIC:
        basic(end);
        break;
      default:
        markCustom(literal - KEYWORDS.length);
    }
  }

  // ---------------------------------------------------------------- keyword kinds

  private void pem(int start, int end) {
    if (!LiteralMatcher.matchesAt(bytes, start, to, PEM_BEGIN, false)) {
      return;
    }
    int labelEnd = indexOf(bytes, end, Math.min(to, end + PEM_LABEL_MAX), (byte) '-');
    if (labelEnd < 0) {
      return;
    }
    String label = new String(bytes, end, labelEnd - end, StandardCharsets.ISO_8859_1);
    SensitiveKind kind;
    if (label.endsWith("PRIVATE KEY")) {
      kind = SensitiveKind.PRIVATE_KEY;
    } else if (label.equals("CERTIFICATE")) {
      kind = SensitiveKind.CERTIFICATE;
    } else {
      return;
    }
    int body = labelEnd;
    while (body < to && (bytes[body] == '-' || bytes[body] == '\r' || bytes[body] == '\n')) {
      body++;
    }
    int bodyEnd = body;
    while (bodyEnd < to && bodyEnd - body < 24 && isBase64(bytes[bodyEnd])) {
      bodyEnd++;
    }
    report(kind, label + " " + Redaction.mask(bytes, body, bodyEnd));
  }

  /**
   * AWS access key ids: {@code AKIA} or {@code ASIA} and 16 more upper-case letters or digits, a
   * 20-character token. Every 16th byte is probed; from an upper-case letter or digit the token
   * around it is measured.
   */
  private void scanKeyIds(byte[] b, int from, int to, int reportAfter) {
    int parsed = from;
    for (int j = from + KEY_ID_PROBE - 1; j < to; j += KEY_ID_PROBE) {
      if (j < parsed || !isUpperOrDigit(b[j])) {
        continue;
      }
      int start = j;
      while (start > from && isUpperOrDigit(b[start - 1])) {
        start--;
      }
      int end = j + 1;
      while (end < to && isUpperOrDigit(b[end])) {
        end++;
      }
      parsed = end;
      if (end - start == AWS_KEY_ID_LENGTH && end > reportAfter && !isAlnum(at(start - 1))
          && !isAlnum(at(end)) && isKeyIdPrefix(b, start)) {
        report(SensitiveKind.AWS_ACCESS_KEY_ID, Redaction.mask(b, start, end));
      }
    }
  }

  /** {@code AKIA} (long-term key) or {@code ASIA} (temporary key). */
  private static boolean isKeyIdPrefix(byte[] b, int start) {
    return b[start] == 'A' && (b[start + 1] == 'K' || b[start + 1] == 'S') && b[start + 2] == 'I'
        && b[start + 3] == 'A';
  }

  private static boolean isUpperOrDigit(byte b) {
    return (b >= 'A' && b <= 'Z') || isDigit(b);
  }

  private void awsSecret(int end) {
    int i = end;
    int limit = Math.min(to, end + 8);
    while (i < limit && (bytes[i] == ' ' || bytes[i] == '"' || bytes[i] == '\'' || bytes[i] == ':'
        || bytes[i] == '=' || bytes[i] == '\t')) {
      i++;
    }
    int secretEnd = i + AWS_SECRET_LENGTH;
    if (secretEnd > to || isBase64(at(secretEnd))) {
      return;
    }
    for (int k = i; k < secretEnd; k++) {
      if (!isBase64(bytes[k]) || bytes[k] == '=') {
        return;
      }
    }
    report(SensitiveKind.AWS_SECRET_KEY, Redaction.mask(bytes, i, secretEnd));
  }

  private void basic(int end) {
    int tokenEnd = end;
    while (tokenEnd < to && tokenEnd - end < BASIC_TOKEN_MAX && isBase64(bytes[tokenEnd])) {
      tokenEnd++;
    }
    if (tokenEnd == end) {
      return;
    }
    String credential;
    try {
      credential = new String(
          Base64.getDecoder().decode(new String(bytes, end, tokenEnd - end, StandardCharsets.ISO_8859_1)),
          StandardCharsets.ISO_8859_1);
    } catch (IllegalArgumentException e) {
      return; // not base64 after all
    }
    if (credential.indexOf(':') < 0) {
      return;
    }
    report(SensitiveKind.HTTP_BASIC_AUTH, Redaction.mask(credential));
  }

  private void ftpPass(int start, int end) {
    if (!ftp || (start > 0 && bytes[start - 1] != '\n')
        || !LiteralMatcher.matchesAt(bytes, start, to, PASS_COMMAND, false)) {
      return;
    }
    int lineEnd = end;
    while (lineEnd < to && lineEnd - end < LINE_MAX && bytes[lineEnd] != '\r' && bytes[lineEnd] != '\n') {
      lineEnd++;
    }
    if (lineEnd == to) {
      return; // the line is not complete yet; the next packet's window holds it again
    }
    report(SensitiveKind.FTP_CREDENTIALS, Redaction.mask(bytes, end, lineEnd));
  }

  // ---------------------------------------------------------------- numbers

  /**
   * Every number worth a look (a card's or an SSN's) holds a run of at least 4 digits (a card group,
   * an SSN serial), so only every 4th byte is probed; from a digit the number's start is found
   * backwards and the number parsed forwards.
   */
  private void scanNumbers(byte[] b, int from, int to, int reportAfter) {
    int parsed = from; // bytes before this were parsed already
    for (int j = from + MIN_DIGIT_RUN - 1; j < to; j += MIN_DIGIT_RUN) {
      if (!isDigit(b[j]) || j < parsed) {
        continue;
      }
      int start = j;
      int floor = Math.max(from, parsed);
      while (start > floor && (isDigit(b[start - 1])
          || (start - 2 >= floor && (b[start - 1] == ' ' || b[start - 1] == '-') && isDigit(b[start - 2])))) {
        start--;
      }
      if (start > from && isAlnum(b[start - 1])) {
        parsed = j;
        while (parsed < to && isAlnum(b[parsed])) {
          parsed++; // inside a longer token (an id, a hash): not a number on its own
        }
        continue;
      }
      parsed = number(b, start, to, reportAfter);
    }
  }

  /** Reads a run of digits with single space/dash separators from {@code start}; returns where it ended. */
  private int number(byte[] b, int start, int to, int reportAfter) {
    int count = 0;
    int groups = 0;
    int groupLength = 0;
    int shape = 0; // the first three group lengths, 4 bits each, for the SSN shape
    boolean dashesOnly = true;
    int i = start;
    int end = start;
    while (i < to) {
      byte c = b[i];
      if (isDigit(c)) {
        if (count <= MAX_CARD_DIGITS) {
          digits[count] = c - '0';
        }
        count++;
        groupLength++;
        i++;
        end = i;
      } else if ((c == ' ' || c == '-') && i + 1 < to && isDigit(b[i + 1]) && groupLength > 0) {
        dashesOnly &= c == '-';
        shape = groups < 3 ? shape | Math.min(groupLength, 15) << (4 * groups) : shape;
        groups++;
        groupLength = 0;
        i++;
      } else {
        break;
      }
    }
    shape = groups < 3 ? shape | Math.min(groupLength, 15) << (4 * groups) : shape;
    groups++;
    if (end <= reportAfter || (end < to && isAlnum(b[end]))) {
      return Math.max(end, start + 1);
    }
    if (count >= MIN_CARD_DIGITS && count <= MAX_CARD_DIGITS && isCard(count)) {
      report(SensitiveKind.CARD_NUMBER, maskDigits(count));
    } else if (count == 9 && groups == 3 && dashesOnly && shape == (3 | 2 << 4 | 4 << 8) && isSsn()) {
      report(SensitiveKind.NATIONAL_ID, maskDigits(count));
    }
    return end;
  }

  private boolean isCard(int n) {
    int two = digits[0] * 10 + digits[1];
    int three = two * 10 + digits[2];
    int four = three * 10 + digits[3];
    boolean issuer =
        (digits[0] == 4 && (n == 13 || n == 16 || n == 19)) // Visa
            || (two >= 51 && two <= 55 && n == 16) // Mastercard
            || (four >= 2221 && four <= 2720 && n == 16) // Mastercard 2-series
            || ((two == 34 || two == 37) && n == 15) // American Express
            || ((four == 6011 || two == 65 || (three >= 644 && three <= 649)) && n >= 16) // Discover
            || (four >= 3528 && four <= 3589 && n >= 16) // JCB
            || (((three >= 300 && three <= 305) || two == 36 || two == 38) && n == 14); // Diners
    return issuer && luhn(n);
  }

  private boolean luhn(int n) {
    int sum = 0;
    for (int k = 0; k < n; k++) {
      int d = digits[n - 1 - k];
      if ((k & 1) == 1) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
    }
    return sum % 10 == 0;
  }

  /** SSA rules: area not 000, 666 or 900–999; group not 00; serial not 0000. */
  private boolean isSsn() {
    int area = digits[0] * 100 + digits[1] * 10 + digits[2];
    int group = digits[3] * 10 + digits[4];
    int serial = digits[5] * 1000 + digits[6] * 100 + digits[7] * 10 + digits[8];
    return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
  }

  private String maskDigits(int n) {
    StringBuilder text = new StringBuilder(n);
    for (int k = 0; k < n; k++) {
      text.append((char) ('0' + digits[k]));
    }
    return Redaction.mask(text);
  }

  // ---------------------------------------------------------------- Telnet and custom patterns

  /** Completed lines typed by a Telnet client (echoed one key per packet: the window holds the line). */
  private int scanTelnet(byte[] b, int from, int to, int reportAfter, int remaining) {
    int reported = 0;
    for (int i = Math.max(from, reportAfter); i < to && reported < remaining; i++) {
      if (b[i] != '\r' && b[i] != '\n') {
        continue;
      }
      int start = i;
      while (start > from && i - start < LINE_MAX && b[start - 1] >= 0x20 && b[start - 1] < 0x7f) {
        start--;
      }
      if (start < i) {
        report(SensitiveKind.TELNET_LOGIN, Redaction.mask(b, start, i));
        reported++;
      }
    }
    return reported;
  }

  private void markCustom(int literalIndex) {
    int seen = 0;
    for (int k = 0; k < custom.size(); k++) {
      if (!custom.get(k).literal().isEmpty() && seen++ == literalIndex) {
        customSeen[k] = true;
      }
    }
  }

  private void runCustom(int from, int to, int reportAfter) {
    for (int k = 0; k < custom.size(); k++) {
      CustomPattern p = custom.get(k);
      if (!p.literal().isEmpty() && !customSeen[k]) {
        continue;
      }
      customSeen[k] = false;
      Matcher m = p.regex().matcher(new Latin1Text(bytes, from, to));
      while (m.find()) {
        if (from + m.end() > reportAfter && m.end() > m.start()) {
          found.found(p.name(), p.name(), "custom", Redaction.mask(m.group()));
        }
      }
    }
  }

  // ---------------------------------------------------------------- bytes

  private void report(SensitiveKind kind, String redacted) {
    found.found(kind.id(), kind.description(), kind.family(), redacted);
  }

  private byte at(int i) {
    return i < 0 || i >= to ? 0 : bytes[i];
  }

  private static int indexOf(byte[] b, int from, int to, byte value) {
    for (int i = from; i < to; i++) {
      if (b[i] == value) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  private static boolean isAlnum(byte b) {
    return isDigit(b) || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
  }

  private static boolean isBase64(byte b) {
    return isAlnum(b) || b == '+' || b == '/' || b == '=';
  }
}
