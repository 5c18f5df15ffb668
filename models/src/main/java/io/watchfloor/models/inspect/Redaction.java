package io.watchfloor.models.inspect;

/**
 * How a secret is shown anywhere outside the capture thread: every character but the last four is
 * masked (at most 16 mask characters, so a long key does not reveal its length either). Secrets of
 * four characters or fewer are masked entirely.
 */
public final class Redaction {
  static final int VISIBLE = 4;
  private static final int MAX_MASK = 16;
  private static final char MASK = '*';

  private Redaction() {}

  public static String mask(CharSequence secret) {
    int n = secret.length();
    if (n <= VISIBLE) {
      return String.valueOf(MASK).repeat(n);
    }
    StringBuilder out = new StringBuilder(MAX_MASK + VISIBLE);
    out.append(String.valueOf(MASK).repeat(Math.min(MAX_MASK, n - VISIBLE)));
    for (int i = n - VISIBLE; i < n; i++) {
      char c = secret.charAt(i);
      out.append(c < 0x20 || c > 0x7e ? '.' : c);
    }
    return out.toString();
  }

  /** Masks {@code bytes[from, to)} read as ISO-8859-1. */
  static String mask(byte[] bytes, int from, int to) {
    StringBuilder text = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      text.append((char) (bytes[i] & 0xff));
    }
    return mask(text);
  }
}
