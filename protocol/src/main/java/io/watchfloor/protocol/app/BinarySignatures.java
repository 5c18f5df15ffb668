package io.watchfloor.protocol.app;

import java.nio.ByteBuffer;

/**
 * Protocols recognised by fixed header fields: SMB over NetBIOS/direct TCP, RDP's X.224
 * connection, Telnet option negotiation, NTP, DHCP and QUIC long headers. All reads are checked
 * against {@code end}; nothing allocates.
 */
final class BinarySignatures {

  /** RFC 1002 §4.3.1: type, flags (7 reserved bits + length bit 16), 16 more length bits. */
  static final int NETBIOS_SESSION_HEADER_LENGTH = 4;
  static final int NETBIOS_SESSION_MESSAGE = 0x00;
  static final int NETBIOS_SESSION_REQUEST = 0x81;
  /** RFC 1002 §4.3.2: two 34-byte first-level encoded names (RFC 1001 §14.1). */
  static final int NETBIOS_SESSION_REQUEST_LENGTH = 68;
  static final int NETBIOS_ENCODED_NAME_LENGTH = 0x20;
  /** [MS-SMB] §2.2.3.1 32-byte header; [MS-SMB2] §2.2.1 64, transform §2.2.41 52. */
  static final int MIN_SMB_HEADER_LENGTH = 32;
  /** RFC 1006 §6: TPKT version 3, reserved 0, 16-bit length. */
  static final int TPKT_HEADER_LENGTH = 4;
  /** TPKT header, X.224 LI, code, DST-REF, SRC-REF, class ([MS-RDPBCGR] §2.2.1.1). */
  static final int MIN_X224_CONNECTION_LENGTH = 11;
  static final int X224_CONNECTION_REQUEST = 0xe0;
  static final int X224_CONNECTION_CONFIRM = 0xd0;
  /** RFC 854: IAC, and the option verbs SB (250) and WILL/WONT/DO/DONT (251-254). */
  static final int TELNET_IAC = 0xff;
  static final int TELNET_SB = 0xfa;
  static final int TELNET_DONT = 0xfe;
  /** IANA telnet options are 0-49 and 138-140; 255 is EXOPL (RFC 861). */
  static final int TELNET_MAX_COMMON_OPTION = 49;
  /** RFC 5905 §7.3: the NTP header without extension fields or MAC. */
  static final int NTP_HEADER_LENGTH = 48;
  /** RFC 5905 §7.3: stratum 16 means unsynchronised; higher is not defined. */
  static final int NTP_MAX_STRATUM = 16;
  /** RFC 5905 §7.3: poll exponent, 17 is the largest (36 h). */
  static final int NTP_MAX_POLL = 17;
  /** RFC 2131 §3: the magic cookie follows the 236-byte BOOTP header (RFC 951). */
  static final int DHCP_COOKIE_OFFSET = 236;
  static final int DHCP_MAGIC_COOKIE = 0x63825363;
  /** RFC 951: hardware address field is 16 bytes. */
  static final int DHCP_MAX_HLEN = 16;
  /** RFC 9000 §17.2: flags, version, DCID length, DCID, SCID length, SCID. */
  static final int QUIC_MIN_LONG_HEADER = 7;
  /** RFC 9000 §17.2: connection ids are at most 20 bytes in QUIC v1 and v2. */
  static final int QUIC_MAX_CID_LENGTH = 20;
  /** RFC 9000 §14.1: a datagram with a client Initial is at least 1200 bytes. */
  static final int QUIC_MIN_INITIAL_DATAGRAM = 1200;
  static final int QUIC_V1 = 0x00000001;
  /** RFC 9369 §3.1. */
  static final int QUIC_V2 = 0x6b3343cf;
  /** IETF drafts 0xff0000xx. */
  static final int QUIC_DRAFT_MASK = 0xffffff00;
  static final int QUIC_DRAFT_PREFIX = 0xff000000;

  private BinarySignatures() {}

  static boolean isSmb(ByteBuffer buf, int offset, int end) {
    if (end - offset < NETBIOS_SESSION_HEADER_LENGTH || (u8(buf, offset + 1) & 0xfe) != 0) {
      return false;
    }
    int type = u8(buf, offset);
    int length = (u8(buf, offset + 1) & 1) << 16 | u16(buf, offset + 2);
    if (type == NETBIOS_SESSION_REQUEST) {
      return length == NETBIOS_SESSION_REQUEST_LENGTH && end - offset > 4
          && u8(buf, offset + 4) == NETBIOS_ENCODED_NAME_LENGTH;
    }
    int smb = offset + NETBIOS_SESSION_HEADER_LENGTH;
    if (type != NETBIOS_SESSION_MESSAGE || length < MIN_SMB_HEADER_LENGTH || end - smb < 4) {
      return false;
    }
    int protocol = u8(buf, smb);
    // 0xff SMB1, 0xfe SMB2/3, 0xfd SMB3 transform (encrypted), 0xfc SMB3 compression
    return protocol >= 0xfc && u8(buf, smb + 1) == 'S' && u8(buf, smb + 2) == 'M'
        && u8(buf, smb + 3) == 'B';
  }

  /** TPKT carrying an X.224 Connection Request or Confirm, as RDP opens (MS-RDPBCGR 2.2.1). */
  static boolean isRdp(ByteBuffer buf, int offset, int end) {
    if (end - offset < MIN_X224_CONNECTION_LENGTH || u8(buf, offset) != 3
        || u8(buf, offset + 1) != 0) {
      return false;
    }
    int tpktLength = u16(buf, offset + 2);
    int code = u8(buf, offset + 5) & 0xf0;
    return tpktLength >= MIN_X224_CONNECTION_LENGTH
        && u8(buf, offset + 4) == tpktLength - TPKT_HEADER_LENGTH - 1
        && (code == X224_CONNECTION_REQUEST || code == X224_CONNECTION_CONFIRM)
        && u16(buf, offset + 6) == 0; // DST-REF is 0 in both directions
  }

  /** IAC then WILL/WONT/DO/DONT/SB and a known option: how a Telnet session opens. */
  static boolean isTelnet(ByteBuffer buf, int offset, int end) {
    if (end - offset < 3 || u8(buf, offset) != TELNET_IAC) {
      return false;
    }
    int verb = u8(buf, offset + 1);
    int option = u8(buf, offset + 2);
    return verb >= TELNET_SB && verb <= TELNET_DONT
        && (option <= TELNET_MAX_COMMON_OPTION || (option >= 138 && option <= 140)
            || option == 255);
  }

  /** RFC 5905 §7.3 header of modes 1-5; mode 6/7 control messages are not matched. */
  static boolean isNtp(ByteBuffer buf, int offset, int end) {
    int length = end - offset;
    if (length < NTP_HEADER_LENGTH || (length - NTP_HEADER_LENGTH) % 4 != 0) {
      return false;
    }
    int first = u8(buf, offset);
    int version = (first >>> 3) & 7;
    int mode = first & 7;
    int precision = u8(buf, offset + 3);
    return version >= 1 && version <= 4 && mode >= 1 && mode <= 5
        && u8(buf, offset + 1) <= NTP_MAX_STRATUM && u8(buf, offset + 2) <= NTP_MAX_POLL
        && (precision == 0 || precision >= 0xe0); // 0 in requests, else -32..-1 (log2 s)
  }

  /** BOOTREQUEST/BOOTREPLY with the DHCP magic cookie (RFC 2131 §3). */
  static boolean isDhcp(ByteBuffer buf, int offset, int end) {
    if (end - offset < DHCP_COOKIE_OFFSET + 4) {
      return false;
    }
    int op = u8(buf, offset);
    return (op == 1 || op == 2) && u8(buf, offset + 2) <= DHCP_MAX_HLEN
        && (u16(buf, offset + DHCP_COOKIE_OFFSET) << 16
            | u16(buf, offset + DHCP_COOKIE_OFFSET + 2)) == DHCP_MAGIC_COOKIE;
  }

  /** A long header (RFC 8999 §5.1) of a known version, or a Version Negotiation packet. */
  static boolean isQuicLongHeader(ByteBuffer buf, int offset, int end) {
    if (end - offset < QUIC_MIN_LONG_HEADER || (u8(buf, offset) & 0x80) == 0) {
      return false;
    }
    int first = u8(buf, offset);
    int version = u16(buf, offset + 1) << 16 | u16(buf, offset + 3);
    int dcidLength = u8(buf, offset + 5);
    boolean negotiation = version == 0;
    if (!negotiation) {
      boolean known = version == QUIC_V1 || version == QUIC_V2
          || (version & QUIC_DRAFT_MASK) == QUIC_DRAFT_PREFIX
          || (version & 0x0f0f0f0f) == 0x0a0a0a0a; // RFC 9000 §15 reserved versions
      if (!known || (first & 0x40) == 0 || dcidLength > QUIC_MAX_CID_LENGTH) {
        return false; // RFC 9000 §17.2: the fixed bit is 1
      }
      if (version == QUIC_V1 && (first & 0x30) == 0 && end - offset < QUIC_MIN_INITIAL_DATAGRAM) {
        return false; // an Initial in a datagram shorter than RFC 9000 §14.1 allows
      }
    }
    int scidLengthAt = offset + 6 + dcidLength;
    if (scidLengthAt >= end) {
      return false;
    }
    int scidLength = u8(buf, scidLengthAt);
    return (negotiation || scidLength <= QUIC_MAX_CID_LENGTH)
        && scidLengthAt + 1 + scidLength <= end;
  }

  private static int u8(ByteBuffer buf, int index) {
    return buf.get(index) & 0xff;
  }

  private static int u16(ByteBuffer buf, int index) {
    return (u8(buf, index) << 8) | u8(buf, index + 1);
  }
}
