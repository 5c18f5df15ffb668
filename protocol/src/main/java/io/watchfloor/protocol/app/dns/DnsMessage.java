package io.watchfloor.protocol.app.dns;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a DNS message (RFC 1035 §4.1) that show tunnels and beacons: the question, the
 * response code, the answer count and the TXT rdata sizes of a response.
 *
 * @param questionName the question's name in RFC 1035 §5.1 text form, without the trailing dot
 *     ({@code "."} for the root)
 * @param answerCount the header's ANCOUNT, as sent
 * @param txtRdataLengths rdata length of each TXT answer, in order (responses only)
 * @param answersComplete false when the answer section ended early (snapped capture, lying
 *     ANCOUNT or a malformed record): {@code txtRdataLengths} then covers only what was read
 */
public record DnsMessage(int id, boolean response, int opcode, DnsResponseCode responseCode,
    String questionName, DnsRecordType questionType, int questionClass, int answerCount,
    List<Integer> txtRdataLengths, boolean answersComplete) {

  /** RFC 1035 §4.1.1. */
  public static final int HEADER_LENGTH = 12;
  /** RFC 1035 §4.1.3: TYPE, CLASS, TTL, RDLENGTH after the name. */
  static final int RR_FIXED_LENGTH = 10;
  /** A record with a one-octet (root) name and empty rdata: bounds the header's counts. */
  static final int MIN_RR_LENGTH = 1 + RR_FIXED_LENGTH;
  /** RFC 1035 §4.1.2: QTYPE and QCLASS after the name. */
  static final int QUESTION_FIXED_LENGTH = 4;
  /**
   * RFC 9619: QDCOUNT is 0 or 1 in practice; a question is what we describe, so 1 is required.
   */
  static final int QUESTION_COUNT = 1;
  /** RFC 1035 §4.1.1 Z bit: must be zero (the next two bits are RFC 4035's AD and CD). */
  static final int Z_FLAG = 0x0040;
  static final int QR_FLAG = 0x8000;
  /** mDNS (RFC 6762 §5.4) sets the top QCLASS bit to ask for a unicast response. */
  static final int QCLASS_MASK = 0x7fff;

  public DnsMessage {
    txtRdataLengths = List.copyOf(txtRdataLengths);
  }

  /** Total TXT rdata octets in the answers read. */
  public int txtBytes() {
    int total = 0;
    for (int length : txtRdataLengths) {
      total += length;
    }
    return total;
  }

  /**
   * Cheap, allocation-free plausibility check used to recognise DNS on any port: header flags,
   * counts and the question all make sense.
   */
  public static boolean looksLikeDns(ByteBuffer buf, int offset, int length) {
    return questionEnd(buf, offset, length) > 0;
  }

  /**
   * Parses the message in {@code buf[offset, offset + length)}.
   *
   * @return the message, or null when the header or question is malformed
   */
  public static DnsMessage parse(ByteBuffer buf, int offset, int length) {
    int answersStart = questionEnd(buf, offset, length);
    if (answersStart < 0) {
      return null;
    }
    int end = offset + length;
    int flags = u16(buf, offset + 2);
    boolean response = (flags & QR_FLAG) != 0;
    StringBuilder name = new StringBuilder();
    int nameEnd = DnsNames.walk(buf, offset, end, offset + HEADER_LENGTH, name);
    int answerCount = u16(buf, offset + 6);
    List<Integer> txt = new ArrayList<>();
    boolean complete = true;
    if (response) {
      complete = readAnswers(buf, offset, end, answersStart, answerCount, txt);
    }
    return new DnsMessage(u16(buf, offset), response, (flags >>> 11) & 0x0f,
        DnsResponseCode.valueOf(flags & 0x0f), name.toString(),
        DnsRecordType.valueOf(u16(buf, nameEnd)), u16(buf, nameEnd + 2), answerCount, txt,
        complete);
  }

  /** Offset just past the question, or -1 when the header or question is not plausible DNS. */
  private static int questionEnd(ByteBuffer buf, int offset, int length) {
    if (buf == null || offset < 0 || length < HEADER_LENGTH + 1 + QUESTION_FIXED_LENGTH
        || offset > buf.limit() - length) {
      return -1;
    }
    int flags = u16(buf, offset + 2);
    int opcode = (flags >>> 11) & 0x0f;
    // RFC 1035 QUERY 0, IQUERY 1 (obsolete), STATUS 2; NOTIFY 4 (RFC 1996), UPDATE 5 (RFC
    // 2136), DSO 6 (RFC 8490). 3 and 7-15 are unassigned.
    if (opcode == 3 || opcode > 6 || (flags & Z_FLAG) != 0
        || (flags & 0x0f) > DnsResponseCode.MAX_ASSIGNED) {
      return -1;
    }
    if (u16(buf, offset + 4) != QUESTION_COUNT) {
      return -1;
    }
    int records = u16(buf, offset + 6) + u16(buf, offset + 8) + u16(buf, offset + 10);
    int roomForRecords = length - HEADER_LENGTH - 1 - QUESTION_FIXED_LENGTH;
    if ((flags & QR_FLAG) == 0 && records > roomForRecords / MIN_RR_LENGTH) {
      return -1; // a query carries its records whole; responses may be cut by truncation
    }
    int end = offset + length;
    int nameEnd = DnsNames.walk(buf, offset, end, offset + HEADER_LENGTH, null);
    if (nameEnd < 0 || nameEnd + QUESTION_FIXED_LENGTH > end) {
      return -1;
    }
    int qtype = u16(buf, nameEnd);
    int qclass = u16(buf, nameEnd + 2) & QCLASS_MASK;
    // IN 1, CH 3, HS 4 (RFC 1035 §3.2.4), NONE 254 (RFC 2136), ANY 255.
    if (qtype == 0 || (qclass != 1 && qclass != 3 && qclass != 4 && qclass != 254
        && qclass != 255)) {
      return -1;
    }
    return nameEnd + QUESTION_FIXED_LENGTH;
  }

  /** Reads the answer section; false when it ends before {@code count} records were read. */
  private static boolean readAnswers(ByteBuffer buf, int messageStart, int end, int pos,
      int count, List<Integer> txt) {
    int cursor = pos;
    for (int i = 0; i < count; i++) {
      int nameEnd = DnsNames.walk(buf, messageStart, end, cursor, null);
      if (nameEnd < 0 || nameEnd + RR_FIXED_LENGTH > end) {
        return false;
      }
      int type = u16(buf, nameEnd);
      int rdLength = u16(buf, nameEnd + 8);
      int rdataStart = nameEnd + RR_FIXED_LENGTH;
      if (rdLength > end - rdataStart) {
        return false;
      }
      if (type == DnsRecordType.TXT.value()) {
        txt.add(rdLength);
      }
      cursor = rdataStart + rdLength;
    }
    return true;
  }

  private static int u16(ByteBuffer buf, int index) {
    return ((buf.get(index) & 0xff) << 8) | (buf.get(index + 1) & 0xff);
  }
}
