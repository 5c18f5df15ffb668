package io.watchfloor.protocol.app.http;

import io.watchfloor.protocol.app.PayloadText;
import java.nio.ByteBuffer;

/**
 * An HTTP/1.x request line and, when it is in the same packet, the Host header.
 *
 * @param target the request-target as sent (origin, absolute, authority or asterisk form)
 * @param version {@code 1.1}, without {@code HTTP/}
 * @param host the Host header value, empty when absent from the packet
 */
public record HttpRequestLine(String method, String target, String version, String host) {

  /** Methods seen on real networks (RFC 9110 §9, RFC 5789 PATCH, RFC 4918 WebDAV, RFC 9113
   * §3.4 PRI preface): the guesser needs a known one, the parser accepts any token. */
  static final String[] KNOWN_METHODS = {"GET ", "POST ", "HEAD ", "PUT ", "DELETE ",
      "OPTIONS ", "CONNECT ", "TRACE ", "PATCH ", "PROPFIND ", "PROPPATCH ", "MKCOL ", "COPY ",
      "MOVE ", "LOCK ", "UNLOCK ", "REPORT ", "SEARCH ", "PRI "};
  /** No registered method is longer than 20 characters; bounds the token scan. */
  static final int MAX_METHOD_LENGTH = 20;
  /** RFC 9112 §3: recipients SHOULD support request lines of at least 8000 octets. */
  static final int MAX_REQUEST_LINE_LENGTH = 8000;
  /** {@code HTTP/} DIGIT {@code .} DIGIT (RFC 9112 §2.3). */
  static final int VERSION_LENGTH = 8;

  /**
   * Allocation-free check for the start of a request: a known method, then either a whole
   * request line ending in an HTTP version, or, when the line goes on past the packet, a
   * request-target that starts like one.
   */
  public static boolean looksLikeRequest(ByteBuffer buf, int offset, int length) {
    if (buf == null || offset < 0 || length <= 0 || offset > buf.limit() - length) {
      return false;
    }
    int end = offset + length;
    for (String method : KNOWN_METHODS) {
      if (PayloadText.startsWith(buf, offset, end, method)) {
        int lineFeed = PayloadText.lineFeed(buf, offset, end);
        if (lineFeed >= 0) {
          return versionEnd(buf, offset, PayloadText.lineEnd(buf, offset, lineFeed)) >= 0;
        }
        int target = offset + method.length();
        return length < MAX_REQUEST_LINE_LENGTH && target < end
            && (buf.get(target) == '/' || buf.get(target) == '*'
                || PayloadText.startsWithIgnoreCase(buf, target, end, "http")
                || method.equals("CONNECT "));
      }
    }
    return false;
  }

  /** True for a status line, {@code HTTP/1.1 200}: what a server's first packet starts with. */
  public static boolean looksLikeResponse(ByteBuffer buf, int offset, int length) {
    if (buf == null || offset < 0 || length < VERSION_LENGTH + 4
        || offset > buf.limit() - length) {
      return false;
    }
    return PayloadText.startsWith(buf, offset, offset + length, "HTTP/1.")
        && isDigit(buf.get(offset + 7)) && buf.get(offset + 8) == ' '
        && isDigit(buf.get(offset + 9)) && isDigit(buf.get(offset + 10))
        && isDigit(buf.get(offset + 11));
  }

  /**
   * Parses the request line at {@code offset} and looks for Host in the header lines that
   * follow within {@code length} bytes.
   *
   * @return the request line, or null when the bytes are not a whole, well-formed one
   */
  public static HttpRequestLine parse(ByteBuffer buf, int offset, int length) {
    if (buf == null || offset < 0 || length <= 0 || offset > buf.limit() - length) {
      return null;
    }
    int end = offset + length;
    int lineFeed = PayloadText.lineFeed(buf, offset, Math.min(end, offset
        + MAX_REQUEST_LINE_LENGTH));
    if (lineFeed < 0) {
      return null;
    }
    int lineEnd = PayloadText.lineEnd(buf, offset, lineFeed);
    int methodEnd = PayloadText.indexOf(buf, offset, lineEnd, (byte) ' ');
    if (methodEnd <= offset || methodEnd - offset > MAX_METHOD_LENGTH
        || !isToken(buf, offset, methodEnd)) {
      return null;
    }
    int versionStart = versionEnd(buf, offset, lineEnd);
    if (versionStart < 0) {
      return null;
    }
    int targetStart = methodEnd + 1;
    int targetEnd = versionStart - 1; // the SP before HTTP/
    if (targetEnd <= targetStart || !isVisible(buf, targetStart, targetEnd)) {
      return null; // empty target, or a second SP inside it
    }
    return new HttpRequestLine(PayloadText.printable(buf, offset, methodEnd),
        PayloadText.printable(buf, targetStart, targetEnd),
        PayloadText.printable(buf, versionStart + 5, lineEnd),
        findHost(buf, lineFeed + 1, end));
  }

  /** The Host without port, and without brackets for an IPv6 literal (ECS url.domain). */
  public String hostDomain() {
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      return close > 0 ? host.substring(1, close) : host;
    }
    int colon = host.lastIndexOf(':');
    return colon >= 0 && host.indexOf(':') == colon ? host.substring(0, colon) : host;
  }

  /**
   * Start of {@code HTTP/x.y} when the line {@code [lineStart, lineEnd)} ends with SP and one,
   * else -1.
   */
  private static int versionEnd(ByteBuffer buf, int lineStart, int lineEnd) {
    int version = lineEnd - VERSION_LENGTH;
    if (version - 1 <= lineStart || buf.get(version - 1) != ' '
        || !PayloadText.startsWith(buf, version, lineEnd, "HTTP/")
        || !isDigit(buf.get(version + 5)) || buf.get(version + 6) != '.'
        || !isDigit(buf.get(version + 7))) {
      return -1;
    }
    return version;
  }

  /** Value of the first Host header line in {@code [from, end)}, before the blank line. */
  private static String findHost(ByteBuffer buf, int from, int end) {
    int line = from;
    while (line < end) {
      int lineFeed = PayloadText.lineFeed(buf, line, end);
      if (lineFeed < 0) {
        return ""; // header section continues in the next packet
      }
      int lineEnd = PayloadText.lineEnd(buf, line, lineFeed);
      if (lineEnd == line) {
        return ""; // end of headers
      }
      if (PayloadText.startsWithIgnoreCase(buf, line, lineEnd, "host:")) {
        int valueStart = line + 5;
        int valueEnd = lineEnd;
        while (valueStart < valueEnd && isOws(buf.get(valueStart))) {
          valueStart++;
        }
        while (valueEnd > valueStart && isOws(buf.get(valueEnd - 1))) {
          valueEnd--;
        }
        return PayloadText.printable(buf, valueStart, valueEnd);
      }
      line = lineFeed + 1;
    }
    return "";
  }

  /** RFC 9110 §5.6.2 tchar. */
  private static boolean isToken(ByteBuffer buf, int from, int to) {
    for (int i = from; i < to; i++) {
      int c = buf.get(i) & 0xff;
      boolean tchar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit((byte) c)
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!tchar) {
        return false;
      }
    }
    return true;
  }

  /** VCHAR only: a request-target has no spaces or controls (RFC 9112 §3.2). */
  private static boolean isVisible(ByteBuffer buf, int from, int to) {
    for (int i = from; i < to; i++) {
      int c = buf.get(i) & 0xff;
      if (c <= 0x20 || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }

  private static boolean isOws(byte b) {
    return b == ' ' || b == '\t';
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }
}
