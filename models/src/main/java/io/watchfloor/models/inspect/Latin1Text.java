package io.watchfloor.models.inspect;

/** Payload bytes read as ISO-8859-1 text without copying, for regular expressions. */
final class Latin1Text implements CharSequence {
  private final byte[] bytes;
  private final int from;
  private final int to;

  Latin1Text(byte[] bytes, int from, int to) {
    this.bytes = bytes;
    this.from = from;
    this.to = to;
  }

  @Override
  public int length() {
    return to - from;
  }

  @Override
  public char charAt(int index) {
    return (char) (bytes[from + index] & 0xff);
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new Latin1Text(bytes, from + start, from + end);
  }

  @Override
  public String toString() {
    return new String(bytes, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
