package io.watchfloor.protocol.app.dns;

import java.nio.ByteBuffer;

/** Domain names in wire form (RFC 1035 §3.1, §4.1.4), read with absolute gets. */
final class DnsNames {

  /** RFC 1035 §2.3.4: a label is at most 63 octets. */
  static final int MAX_LABEL_LENGTH = 63;
  /** RFC 1035 §2.3.4: a name is at most 255 octets, length octets and the root included. */
  static final int MAX_NAME_LENGTH = 255;
  /**
   * Pointers must point strictly backwards (below), which already rules out loops; this caps the
   * work a chain of pointers to pointers can cause. A 255-octet name has at most 127 labels.
   */
  static final int MAX_POINTERS = 127;
  /** RFC 1035 §4.1.4: the top two bits 11 mark a pointer; 01 and 10 are reserved (RFC 6891). */
  static final int POINTER_MASK = 0xc0;

  private DnsNames() {}

  /**
   * Walks the name at {@code pos} of the message {@code buf[messageStart, end)}, appending it in
   * RFC 1035 §5.1 text form to {@code out} when not null. Allocation-free when {@code out} is
   * null.
   *
   * @return the offset just after the name where it started (after its first pointer if any),
   *     or -1 when the name is malformed or runs past {@code end}
   */
  static int walk(ByteBuffer buf, int messageStart, int end, int pos, StringBuilder out) {
    int cursor = pos;
    int after = -1;
    int nameLength = 0;
    int pointers = 0;
    int lowestJumpTarget = cursor; // every pointer must go below the previous jump's target
    while (true) {
      if (cursor >= end) {
        return -1;
      }
      int length = buf.get(cursor) & 0xff;
      if ((length & POINTER_MASK) == POINTER_MASK) {
        if (cursor + 1 >= end || ++pointers > MAX_POINTERS) {
          return -1;
        }
        int target = messageStart + (((length & ~POINTER_MASK) << 8) | (buf.get(cursor + 1) & 0xff));
        if (target >= lowestJumpTarget) {
          return -1; // forward or self pointer: could loop
        }
        if (after < 0) {
          after = cursor + 2;
        }
        lowestJumpTarget = target;
        cursor = target;
        continue;
      }
      if ((length & POINTER_MASK) != 0) {
        return -1; // reserved label types
      }
      nameLength += length + 1;
      if (nameLength > MAX_NAME_LENGTH) {
        return -1;
      }
      if (length == 0) {
        if (out != null && out.isEmpty()) {
          out.append('.');
        }
        return after < 0 ? cursor + 1 : after;
      }
      if (cursor + 1 + length > end) {
        return -1;
      }
      if (out != null) {
        appendLabel(buf, cursor + 1, cursor + 1 + length, out);
      }
      cursor += 1 + length;
    }
  }

  private static void appendLabel(ByteBuffer buf, int from, int to, StringBuilder out) {
    if (!out.isEmpty()) {
      out.append('.');
    }
    for (int i = from; i < to; i++) {
      int b = buf.get(i) & 0xff;
      if (b == '.' || b == '\\') {
        out.append('\\').append((char) b);
      } else if (b > 0x20 && b < 0x7f) {
        out.append((char) b);
      } else {
        out.append('\\').append((char) ('0' + b / 100)).append((char) ('0' + b / 10 % 10))
            .append((char) ('0' + b % 10));
      }
    }
  }
}
