package io.watchfloor.protocol.app.tls;

import io.watchfloor.protocol.app.PayloadText;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.StringJoiner;

/**
 * The fields of a ClientHello that identify the client. Lists keep the values as sent, GREASE
 * included; {@link #ja3()} leaves GREASE out as the JA3 spec does.
 *
 * @param legacyVersion the ClientHello's {@code legacy_version}, e.g. 0x0303 (JA3's SSLVersion)
 * @param serverName the first {@code host_name} of the SNI extension, empty when absent
 */
public record TlsClientHello(int legacyVersion, List<Integer> cipherSuites,
    List<Integer> extensionTypes, List<Integer> supportedGroups, List<Integer> ecPointFormats,
    String serverName, List<String> alpnProtocols) {

  /** RFC 8446 §5.1: content type, legacy_record_version, length. */
  public static final int RECORD_HEADER_LENGTH = 5;
  /** RFC 8446 §5.1: TLSPlaintext.length MUST NOT exceed 2^14. */
  public static final int MAX_RECORD_LENGTH = 1 << 14;
  /** RFC 8446 §4: msg_type and a 24-bit length. */
  static final int HANDSHAKE_HEADER_LENGTH = 4;
  static final int CONTENT_TYPE_HANDSHAKE = 22;
  static final int HANDSHAKE_CLIENT_HELLO = 1;
  static final int HANDSHAKE_SERVER_HELLO = 2;
  /** RFC 8446 §4.1.2: 32 random bytes; legacy_session_id is at most 32 bytes. */
  static final int RANDOM_LENGTH = 32;
  static final int MAX_SESSION_ID_LENGTH = 32;
  static final int EXT_SERVER_NAME = 0;
  static final int EXT_SUPPORTED_GROUPS = 10;
  static final int EXT_EC_POINT_FORMATS = 11;
  static final int EXT_ALPN = 16;
  /** RFC 6066 §3: NameType host_name. */
  static final int SNI_HOST_NAME = 0;

  public TlsClientHello {
    cipherSuites = List.copyOf(cipherSuites);
    extensionTypes = List.copyOf(extensionTypes);
    supportedGroups = List.copyOf(supportedGroups);
    ecPointFormats = List.copyOf(ecPointFormats);
    alpnProtocols = List.copyOf(alpnProtocols);
  }

  /** RFC 8701 §2: GREASE values are 0x0A0A, 0x1A1A, ..., 0xFAFA. */
  public static boolean isGrease(int value) {
    return (value & 0x0f0f) == 0x0a0a && (value >>> 8) == (value & 0xff);
  }

  /**
   * True when the payload starts with a TLS handshake record holding a ClientHello or
   * ServerHello: what the first packet of a TLS connection carries in each direction.
   */
  public static boolean startsWithHelloRecord(ByteBuffer buf, int offset, int length) {
    if (buf == null || offset < 0 || length < RECORD_HEADER_LENGTH + 1
        || offset > buf.limit() - length || !isHandshakeRecordHeader(buf, offset)) {
      return false;
    }
    int type = buf.get(offset + RECORD_HEADER_LENGTH) & 0xff;
    return type == HANDSHAKE_CLIENT_HELLO || type == HANDSHAKE_SERVER_HELLO;
  }

  /**
   * Parses a ClientHello that starts at {@code offset} with its record header and lies whole in
   * that record and in {@code length} bytes.
   *
   * @return the ClientHello, or null when the bytes are not one, are malformed, or are split
   */
  public static TlsClientHello parse(ByteBuffer buf, int offset, int length) {
    if (buf == null || offset < 0 || length < RECORD_HEADER_LENGTH + HANDSHAKE_HEADER_LENGTH
        || offset > buf.limit() - length || !isHandshakeRecordHeader(buf, offset)) {
      return null;
    }
    int recordEnd = offset + RECORD_HEADER_LENGTH + u16(buf, offset + 3);
    int handshake = offset + RECORD_HEADER_LENGTH;
    if ((buf.get(handshake) & 0xff) != HANDSHAKE_CLIENT_HELLO) {
      return null;
    }
    int bodyStart = handshake + HANDSHAKE_HEADER_LENGTH;
    int end = bodyStart + u24(buf, handshake + 1);
    if (end > recordEnd || end > offset + length) {
      return null; // spans records or packets
    }
    return new Reader(buf, bodyStart, end).clientHello();
  }

  /** The JA3 string: SSLVersion,Ciphers,Extensions,EllipticCurves,EllipticCurvePointFormats. */
  public String ja3() {
    return legacyVersion + "," + joinWithoutGrease(cipherSuites) + ","
        + joinWithoutGrease(extensionTypes) + "," + joinWithoutGrease(supportedGroups) + ","
        + joinWithoutGrease(ecPointFormats);
  }

  /** MD5 of {@link #ja3()}, lower-case hex: the value JA3 databases index. */
  public String ja3Hash() {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      return HexFormat.of().formatHex(md5.digest(ja3().getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide MD5", e);
    }
  }

  public boolean hasServerName() {
    return !serverName.isEmpty();
  }

  private static String joinWithoutGrease(List<Integer> values) {
    StringJoiner joined = new StringJoiner("-");
    for (int value : values) {
      if (!isGrease(value)) {
        joined.add(Integer.toString(value));
      }
    }
    return joined.toString();
  }

  private static boolean isHandshakeRecordHeader(ByteBuffer buf, int offset) {
    // RFC 8446 §5.1 legacy_record_version: 0x0301 in practice, 0x0300 from SSL 3.0 clients,
    // 0x0302-0x0304 from some stacks; nothing else is TLS.
    int recordLength = u16(buf, offset + 3);
    return (buf.get(offset) & 0xff) == CONTENT_TYPE_HANDSHAKE
        && (buf.get(offset + 1) & 0xff) == 3 && (buf.get(offset + 2) & 0xff) <= 4
        && recordLength >= HANDSHAKE_HEADER_LENGTH && recordLength <= MAX_RECORD_LENGTH;
  }

  private static int u16(ByteBuffer buf, int index) {
    return ((buf.get(index) & 0xff) << 8) | (buf.get(index + 1) & 0xff);
  }

  private static int u24(ByteBuffer buf, int index) {
    return ((buf.get(index) & 0xff) << 16) | u16(buf, index + 1);
  }

  /** Cursor over the ClientHello body; each read checks its length against {@code end}. */
  private static final class Reader {
    private final ByteBuffer buf;
    private final int end;
    private int pos;
    private final List<Integer> extensionTypes = new ArrayList<>();
    private final List<Integer> groups = new ArrayList<>();
    private final List<Integer> pointFormats = new ArrayList<>();
    private final List<String> alpn = new ArrayList<>();
    private String serverName = "";

    Reader(ByteBuffer buf, int pos, int end) {
      this.buf = buf;
      this.pos = pos;
      this.end = end;
    }

    TlsClientHello clientHello() {
      if (end - pos < 2 + RANDOM_LENGTH + 1) {
        return null;
      }
      int version = u16(buf, pos);
      if (version >>> 8 != 3) {
        return null;
      }
      pos += 2 + RANDOM_LENGTH;
      int sessionIdLength = buf.get(pos++) & 0xff;
      if (sessionIdLength > MAX_SESSION_ID_LENGTH || !skip(sessionIdLength)) {
        return null;
      }
      // RFC 8446 §4.1.2: cipher_suites<2..2^16-2>, two bytes each.
      int suitesLength = vectorLength(2);
      if (suitesLength < 2 || suitesLength % 2 != 0) {
        return null;
      }
      List<Integer> suites = new ArrayList<>(suitesLength / 2);
      for (int i = 0; i < suitesLength; i += 2) {
        suites.add(u16(buf, pos + i));
      }
      pos += suitesLength;
      // legacy_compression_methods<1..2^8-1>
      int compressionLength = vectorLength(1);
      if (compressionLength < 1 || !skip(compressionLength)) {
        return null;
      }
      if (pos != end && !readExtensions()) { // SSL 3.0 / early TLS may omit extensions
        return null;
      }
      return new TlsClientHello(version, suites, extensionTypes, groups, pointFormats,
          serverName, alpn);
    }

    private boolean readExtensions() {
      int extensionsLength = vectorLength(2);
      if (extensionsLength < 0 || pos + extensionsLength != end) {
        return false;
      }
      while (pos < end) {
        if (end - pos < 4) {
          return false;
        }
        int type = u16(buf, pos);
        int length = u16(buf, pos + 2);
        int dataStart = pos + 4;
        if (length > end - dataStart) {
          return false;
        }
        extensionTypes.add(type);
        boolean valid = switch (type) {
          case EXT_SERVER_NAME -> readServerName(dataStart, dataStart + length);
          case EXT_SUPPORTED_GROUPS -> readU16List(dataStart, dataStart + length, groups);
          case EXT_EC_POINT_FORMATS -> readPointFormats(dataStart, dataStart + length);
          case EXT_ALPN -> readAlpn(dataStart, dataStart + length);
          default -> true;
        };
        if (!valid) {
          return false;
        }
        pos = dataStart + length;
      }
      return true;
    }

    /** RFC 6066 §3: ServerNameList server_name_list<1..2^16-1>; an empty extension is legal. */
    private boolean readServerName(int from, int to) {
      if (from == to) {
        return true; // server's echo form, or a client sending it empty
      }
      if (to - from < 2 || from + 2 + u16(buf, from) != to) {
        return false;
      }
      int cursor = from + 2;
      while (cursor < to) {
        if (to - cursor < 3) {
          return false;
        }
        int nameType = buf.get(cursor) & 0xff;
        int nameLength = u16(buf, cursor + 1);
        int nameStart = cursor + 3;
        if (nameLength > to - nameStart) {
          return false;
        }
        if (nameType == SNI_HOST_NAME && serverName.isEmpty() && nameLength > 0) {
          serverName = PayloadText.printable(buf, nameStart, nameStart + nameLength);
        }
        cursor = nameStart + nameLength;
      }
      return true;
    }

    /** RFC 8422 §5.1.1 / RFC 8446 §4.2.7: NamedGroup named_group_list<2..2^16-1>. */
    private boolean readU16List(int from, int to, List<Integer> into) {
      if (to - from < 2) {
        return false;
      }
      int listLength = u16(buf, from);
      if (listLength % 2 != 0 || from + 2 + listLength != to) {
        return false;
      }
      for (int i = from + 2; i < to; i += 2) {
        into.add(u16(buf, i));
      }
      return true;
    }

    /** RFC 8422 §5.1.2: ECPointFormat ec_point_format_list<1..2^8-1>. */
    private boolean readPointFormats(int from, int to) {
      if (to - from < 1 || from + 1 + (buf.get(from) & 0xff) != to) {
        return false;
      }
      for (int i = from + 1; i < to; i++) {
        pointFormats.add(buf.get(i) & 0xff);
      }
      return true;
    }

    /** RFC 7301 §3.1: ProtocolName protocol_name_list<2..2^16-1>, each name <1..2^8-1>. */
    private boolean readAlpn(int from, int to) {
      if (to - from < 2 || from + 2 + u16(buf, from) != to) {
        return false;
      }
      int cursor = from + 2;
      while (cursor < to) {
        int nameLength = buf.get(cursor) & 0xff;
        if (nameLength == 0 || nameLength > to - cursor - 1) {
          return false;
        }
        alpn.add(PayloadText.printable(buf, cursor + 1, cursor + 1 + nameLength));
        cursor += 1 + nameLength;
      }
      return true;
    }

    /** Reads a vector length prefix of 1 or 2 bytes; -1 when it or the vector overruns end. */
    private int vectorLength(int prefixBytes) {
      if (end - pos < prefixBytes) {
        return -1;
      }
      int length = prefixBytes == 1 ? buf.get(pos) & 0xff : u16(buf, pos);
      pos += prefixBytes;
      return length <= end - pos ? length : -1;
    }

    private boolean skip(int bytes) {
      if (bytes > end - pos) {
        return false;
      }
      pos += bytes;
      return true;
    }
  }
}
