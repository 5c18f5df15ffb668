package io.watchfloor.protocol.app;

import java.nio.ByteBuffer;

/**
 * ASCII matching and rendering over a region of a payload buffer, without copying it. Shared by
 * the per-protocol parsers; every method tolerates any region inside the buffer.
 */
public final class PayloadText {

  private PayloadText() {}

  /** True when {@code buf[offset, end)} starts with the ASCII {@code prefix}, case-sensitively. */
  public static boolean startsWith(ByteBuffer buf, int offset, int end, String prefix) {
    if (prefix.length() > end - offset) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (buf.get(offset + i) != (byte) prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** As {@link #startsWith} but ASCII letters match either case. */
  public static boolean startsWithIgnoreCase(ByteBuffer buf, int offset, int end, String prefix) {
    if (prefix.length() > end - offset) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (lower(buf.get(offset + i)) != lower((byte) prefix.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** True when the ASCII {@code needle} occurs in {@code buf[offset, end)}, ignoring case. */
  public static boolean containsIgnoreCase(ByteBuffer buf, int offset, int end, String needle) {
    for (int i = offset; i <= end - needle.length(); i++) {
      if (startsWithIgnoreCase(buf, i, end, needle)) {
        return true;
      }
    }
    return false;
  }

  /** Index of the first {@code value} in {@code buf[offset, end)}, or -1. */
  public static int indexOf(ByteBuffer buf, int offset, int end, byte value) {
    for (int i = offset; i < end; i++) {
      if (buf.get(i) == value) {
        return i;
      }
    }
    return -1;
  }

  /** End of the line starting at {@code offset}: the index of its LF, or -1 if none before end. */
  public static int lineFeed(ByteBuffer buf, int offset, int end) {
    return indexOf(buf, offset, end, (byte) '\n');
  }

  /** {@code lineFeedIndex} minus an optional CR before it: where the line's text ends. */
  public static int lineEnd(ByteBuffer buf, int lineStart, int lineFeedIndex) {
    if (lineFeedIndex > lineStart && buf.get(lineFeedIndex - 1) == '\r') {
      return lineFeedIndex - 1;
    }
    return lineFeedIndex;
  }

  /** True when every byte of {@code buf[offset, end)} is printable ASCII (0x20 to 0x7e). */
  public static boolean isPrintable(ByteBuffer buf, int offset, int end) {
    for (int i = offset; i < end; i++) {
      int b = buf.get(i) & 0xff;
      if (b < 0x20 || b > 0x7e) {
        return false;
      }
    }
    return true;
  }

  /**
   * The bytes as a String for logs and alerts: printable ASCII as is, a backslash doubled, any
   * other byte as {@code \xNN}, so that attacker-supplied bytes cannot forge lines or escapes.
   */
  public static String printable(ByteBuffer buf, int offset, int end) {
    StringBuilder text = new StringBuilder(Math.max(0, end - offset));
    for (int i = offset; i < end; i++) {
      int b = buf.get(i) & 0xff;
      if (b == '\\') {
        text.append("\\\\");
      } else if (b >= 0x20 && b <= 0x7e) {
        text.append((char) b);
      } else {
        text.append("\\x").append(Character.forDigit(b >>> 4, 16))
            .append(Character.forDigit(b & 0x0f, 16));
      }
    }
    return text.toString();
  }

  private static int lower(byte b) {
    return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
  }
}
