package io.watchfloor.protocol.app.ssh;

import io.watchfloor.protocol.app.PayloadText;
import java.nio.ByteBuffer;

/**
 * An SSH identification string, {@code SSH-protoversion-softwareversion SP comments}.
 *
 * @param identification the whole line without CR LF
 * @param comments empty when absent
 */
public record SshBanner(String identification, String protoVersion, String softwareVersion,
    String comments) {

  /** RFC 4253 §4.2: at most 255 characters including CR LF. */
  public static final int MAX_IDENTIFICATION_LENGTH = 255;
  /** Versions that speak SSH-2 ("1.99" is a server also taking SSH-1) and legacy SSH-1.5. */
  static final String[] PREFIXES = {"SSH-2.0-", "SSH-1.99-", "SSH-1.5-"};

  /** Allocation-free check for the start of an identification string. */
  public static boolean looksLikeBanner(ByteBuffer buf, int offset, int length) {
    if (buf == null || offset < 0 || length <= 0 || offset > buf.limit() - length) {
      return false;
    }
    for (String prefix : PREFIXES) {
      if (PayloadText.startsWith(buf, offset, offset + length, prefix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Parses the identification string that starts the payload. Old implementations end it with
   * LF alone (RFC 4253 §4.2 asks us to accept that).
   *
   * @return the banner, or null when the first line is not one, is over-long, holds control
   *     characters, or does not end within the payload
   */
  public static SshBanner parse(ByteBuffer buf, int offset, int length) {
    if (buf == null || offset < 0 || length <= 0 || offset > buf.limit() - length) {
      return null;
    }
    int end = offset + Math.min(length, MAX_IDENTIFICATION_LENGTH);
    if (!PayloadText.startsWith(buf, offset, end, "SSH-")) {
      return null;
    }
    int lineFeed = PayloadText.lineFeed(buf, offset, end);
    if (lineFeed < 0) {
      return null;
    }
    int lineEnd = PayloadText.lineEnd(buf, offset, lineFeed);
    if (!PayloadText.isPrintable(buf, offset, lineEnd)) {
      return null;
    }
    int protoStart = offset + 4;
    int protoEnd = PayloadText.indexOf(buf, protoStart, lineEnd, (byte) '-');
    if (protoEnd <= protoStart || !isVersion(buf, protoStart, protoEnd)) {
      return null;
    }
    int softwareStart = protoEnd + 1;
    int space = PayloadText.indexOf(buf, softwareStart, lineEnd, (byte) ' ');
    int softwareEnd = space < 0 ? lineEnd : space;
    if (softwareEnd == softwareStart) {
      return null;
    }
    String comments = space < 0 ? "" : PayloadText.printable(buf, space + 1, lineEnd);
    return new SshBanner(PayloadText.printable(buf, offset, lineEnd),
        PayloadText.printable(buf, protoStart, protoEnd),
        PayloadText.printable(buf, softwareStart, softwareEnd), comments);
  }

  /** protoversion is digits and dots ("2.0", "1.99"). */
  private static boolean isVersion(ByteBuffer buf, int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = buf.get(i);
      if (b != '.' && (b < '0' || b > '9')) {
        return false;
      }
    }
    return true;
  }
}
