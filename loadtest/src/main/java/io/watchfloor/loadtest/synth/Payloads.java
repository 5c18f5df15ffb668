package io.watchfloor.loadtest.synth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Application bytes real dissectors (ours, Wireshark) recognise: DNS (RFC 1035) queries and A/TXT
 * answers, a TLS 1.3 ClientHello with SNI (RFC 8446, RFC 6066 §3), HTTP/1.1 (RFC 9112), SMB2
 * NEGOTIATE over direct TCP ([MS-SMB2] §2.2.3), RDP's X.224 Connection Request ([MS-RDPBCGR]
 * §2.2.1.1), SSH identification strings (RFC 4253 §4.2) and NTP client/server packets (RFC 5905).
 * Random parts come from the caller's generator, so output stays a function of the seed.
 */
final class Payloads {

  static final int DNS_TYPE_A = 1;
  static final int DNS_TYPE_TXT = 16;
  private static final int DNS_CLASS_IN = 1;
  private static final int TLS_HANDSHAKE = 0x16;
  private static final int GROUP_X25519 = 0x001d;
  private static final int NTP_LENGTH = 48;

  private Payloads() {}

  static byte[] dnsQuery(int id, String name, int type) {
    Bytes b = new Bytes(name.length() + 18).u16(id).u16(0x0100).u16(1).u16(0).u16(0).u16(0);
    return question(b, name, type).toArray();
  }

  static byte[] dnsAnswerA(int id, String name, int address, int ttl) {
    Bytes b = new Bytes(name.length() + 34).u16(id).u16(0x8180).u16(1).u16(1).u16(0).u16(0);
    question(b, name, DNS_TYPE_A);
    b.u16(0xc00c).u16(DNS_TYPE_A).u16(DNS_CLASS_IN).u32(ttl).u16(4).u32(address);
    return b.toArray();
  }

  /** A TXT answer carrying {@code text} in 255-byte character strings (RFC 1035 §3.3.14). */
  static byte[] dnsAnswerTxt(int id, String name, String text) {
    Bytes b = new Bytes(name.length() + text.length() + 40)
        .u16(id).u16(0x8180).u16(1).u16(1).u16(0).u16(0);
    question(b, name, DNS_TYPE_TXT);
    int strings = (text.length() + 254) / 255;
    b.u16(0xc00c).u16(DNS_TYPE_TXT).u16(DNS_CLASS_IN).u32(0).u16(text.length() + strings);
    for (int i = 0; i < text.length(); i += 255) {
      String part = text.substring(i, Math.min(text.length(), i + 255));
      b.u8(part.length()).ascii(part);
    }
    return b.toArray();
  }

  private static Bytes question(Bytes b, String name, int type) {
    for (String label : name.split("\\.")) {
      b.u8(label.length()).ascii(label);
    }
    return b.u8(0).u16(type).u16(DNS_CLASS_IN);
  }

  /** A TLS 1.3 ClientHello naming {@code serverName}. */
  static byte[] tlsClientHello(String serverName, SplittableRandom random) {
    Bytes b = new Bytes(320).u8(TLS_HANDSHAKE).u16(0x0301);
    int record = b.lengthField16();
    b.u8(1); // client_hello
    int handshake = b.lengthField24();
    b.u16(0x0303).random(32, random).u8(32).random(32, random);
    b.u16(6).u16(0x1301).u16(0x1302).u16(0x1303);
    b.u8(1).u8(0);
    int extensions = b.lengthField16();
    b.u16(0x0000).u16(serverName.length() + 5).u16(serverName.length() + 3).u8(0)
        .u16(serverName.length()).ascii(serverName);
    b.u16(0x000a).u16(4).u16(2).u16(GROUP_X25519);
    b.u16(0x000d).u16(4).u16(2).u16(0x0403);
    b.u16(0x002b).u16(3).u8(2).u16(0x0304);
    b.u16(0x0033).u16(38).u16(36).u16(GROUP_X25519).u16(32).random(32, random);
    b.endLength16(extensions).endLength24(handshake).endLength16(record);
    return b.toArray();
  }

  /** ServerHello then encrypted records totalling about {@code length} bytes. */
  static byte[] tlsServerFlight(int length, SplittableRandom random) {
    Bytes b = new Bytes(length + 128).u8(TLS_HANDSHAKE).u16(0x0303);
    int record = b.lengthField16();
    b.u8(2);
    int handshake = b.lengthField24();
    b.u16(0x0303).random(32, random).u8(32).random(32, random).u16(0x1301).u8(0);
    int extensions = b.lengthField16();
    b.u16(0x002b).u16(2).u16(0x0304);
    b.u16(0x0033).u16(36).u16(GROUP_X25519).u16(32).random(32, random);
    b.endLength16(extensions).endLength24(handshake).endLength16(record);
    b.u8(0x14).u16(0x0303).u16(1).u8(1);
    return tlsRecords(b, length, random).toArray();
  }

  /** TLS application data records totalling {@code length} ciphertext bytes. */
  static byte[] tlsData(int length, SplittableRandom random) {
    return tlsRecords(new Bytes(length + 32), length, random).toArray();
  }

  private static Bytes tlsRecords(Bytes b, int length, SplittableRandom random) {
    for (int left = length; left > 0; left -= 16_384) {
      int part = Math.min(left, 16_384);
      b.u8(0x17).u16(0x0303).u16(part).random(part, random);
    }
    return b;
  }

  static byte[] httpGet(String host, String path, String userAgent) {
    return ascii("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: " + userAgent
        + "\r\nAccept: */*\r\nAccept-Encoding: gzip, deflate\r\nConnection: keep-alive\r\n\r\n");
  }

  /** WinRM's SOAP-over-HTTP request line and headers ([MS-WSMV] over port 5985). */
  static byte[] winrmPost(String host, int bodyLength) {
    return ascii("POST /wsman HTTP/1.1\r\nHost: " + host + ":5985\r\nUser-Agent: Microsoft WinRM"
        + " Client\r\nContent-Type: application/soap+xml;charset=UTF-8\r\nContent-Length: "
        + bodyLength + "\r\n\r\n");
  }

  static byte[] httpResponse(int bodyLength, String contentType, SplittableRandom random) {
    byte[] head = ascii("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nContent-Length: "
        + bodyLength + "\r\n\r\n");
    byte[] response = Arrays.copyOf(head, head.length + bodyLength);
    for (int i = head.length; i < response.length; i++) {
      response[i] = (byte) ('a' + random.nextInt(26));
    }
    return response;
  }

  /**
   * SMB2 NEGOTIATE request (client: dialects 2.0.2 and 2.1) or response (server: 2.1) behind a
   * direct-TCP length header ([MS-SMB2] §2.2.3, §2.2.4).
   */
  static byte[] smb2Negotiate(boolean response, SplittableRandom random) {
    int body = response ? 64 : 40;
    Bytes b = new Bytes(4 + 64 + body).u8(0).u8(0).u16(64 + body);
    b.u8(0xfe).ascii("SMB").u16le(64).u16le(0).u32(0).u16le(0).u16le(1)
        .u32le(response ? 1 : 0).u32(0).u32(0).u32(0) // flags: SERVER_TO_REDIR; MessageId 0
        .u32(0).u32(0).u32(0).u32(0) // ProcessId, TreeId, SessionId
        .u32(0).u32(0).u32(0).u32(0); // signature
    if (response) {
      b.u16le(65).u16le(1).u16le(0x0210).u16le(0).random(16, random).u32le(0x7)
          .u32le(1 << 20).u32le(1 << 20).u32le(1 << 20).random(8, random).u32(0).u32(0)
          .u16le(0x80).u16le(0).u32(0);
    } else {
      b.u16le(36).u16le(2).u16le(1).u16le(0).u32le(0x7f).random(16, random).u32(0).u32(0)
          .u16le(0x0202).u16le(0x0210);
    }
    return b.toArray();
  }

  /** X.224 Connection Request with an RDP cookie, as mstsc opens a session. */
  static byte[] rdpConnectionRequest(String user) {
    String cookie = "Cookie: mstshash=" + user + "\r\n";
    int length = 11 + cookie.length() + 8;
    Bytes b = new Bytes(length).u8(3).u8(0).u16(length).u8(length - 5).u8(0xe0).u16(0).u16(0)
        .u8(0).ascii(cookie);
    b.u8(1).u8(0).u16le(8).u32le(3); // RDP_NEG_REQ: TLS | CredSSP
    return b.toArray();
  }

  static byte[] sshBanner(String software) {
    return ascii("SSH-2.0-" + software + "\r\n");
  }

  /** NTPv4 packet: mode 3 (client) or 4 (server, stratum 2). */
  static byte[] ntp(boolean server, SplittableRandom random) {
    Bytes b = new Bytes(NTP_LENGTH).u8(server ? 0x24 : 0x23).u8(server ? 2 : 0).u8(10)
        .u8(server ? 0xe9 : 0);
    return b.random(NTP_LENGTH - 4, random).toArray();
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** A growable big-endian byte writer with back-patched length fields. */
  private static final class Bytes {
    private byte[] data;
    private int size;

    Bytes(int capacity) {
      data = new byte[Math.max(16, capacity)];
    }

    Bytes u8(int v) {
      if (size == data.length) {
        data = Arrays.copyOf(data, data.length * 2);
      }
      data[size++] = (byte) v;
      return this;
    }

    Bytes u16(int v) {
      return u8(v >>> 8).u8(v);
    }

    Bytes u16le(int v) {
      return u8(v).u8(v >>> 8);
    }

    Bytes u32(int v) {
      return u16(v >>> 16).u16(v);
    }

    Bytes u32le(int v) {
      return u16le(v).u16le(v >>> 16);
    }

    Bytes ascii(String s) {
      for (int i = 0; i < s.length(); i++) {
        u8(s.charAt(i));
      }
      return this;
    }

    Bytes random(int n, SplittableRandom random) {
      for (int i = 0; i < n; i++) {
        u8(random.nextInt(256));
      }
      return this;
    }

    int lengthField16() {
      u16(0);
      return size;
    }

    int lengthField24() {
      u8(0).u16(0);
      return size;
    }

    Bytes endLength16(int mark) {
      int length = size - mark;
      data[mark - 2] = (byte) (length >>> 8);
      data[mark - 1] = (byte) length;
      return this;
    }

    Bytes endLength24(int mark) {
      int length = size - mark;
      data[mark - 3] = (byte) (length >>> 16);
      data[mark - 2] = (byte) (length >>> 8);
      data[mark - 1] = (byte) length;
      return this;
    }

    byte[] toArray() {
      return Arrays.copyOf(data, size);
    }
  }
}
