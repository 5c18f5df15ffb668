package io.watchfloor.loadtest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Plausible application bytes for the demo, so that dissectors (ours, Wireshark) see real DNS
 * (RFC 1035), HTTP/1.1 (RFC 9112) and TLS 1.3 (RFC 8446) instead of filler on well-known ports.
 * Random parts come from the caller's generator, keeping output a function of the seed.
 */
final class ApplicationPayloads {

  private static final int DNS_TYPE_A = 1;
  private static final int DNS_CLASS_IN = 1;
  private static final int DNS_ANSWER_TTL = 300;
  private static final int TLS_HANDSHAKE = 0x16;
  private static final int TLS_CHANGE_CIPHER_SPEC = 0x14;
  private static final int TLS_APPLICATION_DATA = 0x17;
  private static final int TLS_AES_128_GCM_SHA256 = 0x1301;
  private static final int GROUP_X25519 = 0x001d;
  /** Maximum TLSCiphertext fragment, RFC 8446 §5.2. */
  private static final int TLS_MAX_RECORD = (1 << 14) + 256;

  private ApplicationPayloads() {}

  static byte[] dnsQuery(int id, String name) {
    Bytes b = new Bytes(64).u16(id).u16(0x0100).u16(1).u16(0).u16(0).u16(0); // RD, one question
    return question(b, name).toArray();
  }

  static byte[] dnsResponse(int id, String name, int address) {
    Bytes b = new Bytes(80).u16(id).u16(0x8180).u16(1).u16(1).u16(0).u16(0); // QR RD RA, NOERROR
    question(b, name);
    b.u16(0xc00c).u16(DNS_TYPE_A).u16(DNS_CLASS_IN).u32(DNS_ANSWER_TTL).u16(4).u32(address);
    return b.toArray();
  }

  private static Bytes question(Bytes b, String name) {
    for (String label : name.split("\\.")) {
      b.u8(label.length()).ascii(label);
    }
    return b.u8(0).u16(DNS_TYPE_A).u16(DNS_CLASS_IN);
  }

  static byte[] httpRequest(String host, String path) {
    return ("GET " + path + " HTTP/1.1\r\nHost: " + host
        + "\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64)\r\nAccept: */*\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] httpResponse(int bodyLength, SplittableRandom random) {
    byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + bodyLength
        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] response = Arrays.copyOf(head, head.length + bodyLength);
    for (int i = head.length; i < response.length; i++) {
      response[i] = (byte) ('a' + random.nextInt(26));
    }
    return response;
  }

  /** A TLS 1.3 ClientHello naming {@code serverName} (SNI, RFC 6066 §3). */
  static byte[] tlsClientHello(String serverName, SplittableRandom random) {
    Bytes b = new Bytes(512).u8(TLS_HANDSHAKE).u16(0x0301);
    int record = b.lengthField16();
    b.u8(1); // client_hello
    int handshake = b.lengthField24();
    b.u16(0x0303).random(32, random).u8(32).random(32, random);
    b.u16(6).u16(TLS_AES_128_GCM_SHA256).u16(0x1302).u16(0x1303);
    b.u8(1).u8(0); // compression: null only
    int extensions = b.lengthField16();
    b.u16(0x0000).u16(serverName.length() + 5).u16(serverName.length() + 3).u8(0)
        .u16(serverName.length()).ascii(serverName);
    b.u16(0x000a).u16(4).u16(2).u16(GROUP_X25519);
    b.u16(0x000d).u16(4).u16(2).u16(0x0403); // signature_algorithms: ecdsa_secp256r1_sha256
    b.u16(0x002b).u16(3).u8(2).u16(0x0304);
    b.u16(0x0033).u16(38).u16(36).u16(GROUP_X25519).u16(32).random(32, random);
    b.endLength16(extensions).endLength24(handshake).endLength16(record);
    return b.toArray();
  }

  /** ServerHello, ChangeCipherSpec, then the encrypted rest of the flight as application data. */
  static byte[] tlsServerFlight(int encryptedLength, SplittableRandom random) {
    Bytes b = new Bytes(encryptedLength + 256).u8(TLS_HANDSHAKE).u16(0x0303);
    int record = b.lengthField16();
    b.u8(2); // server_hello
    int handshake = b.lengthField24();
    b.u16(0x0303).random(32, random).u8(32).random(32, random).u16(TLS_AES_128_GCM_SHA256).u8(0);
    int extensions = b.lengthField16();
    b.u16(0x002b).u16(2).u16(0x0304);
    b.u16(0x0033).u16(36).u16(GROUP_X25519).u16(32).random(32, random);
    b.endLength16(extensions).endLength24(handshake).endLength16(record);
    b.u8(TLS_CHANGE_CIPHER_SPEC).u16(0x0303).u16(1).u8(1);
    return applicationData(b, encryptedLength, random).toArray();
  }

  /** The client's ChangeCipherSpec and Finished, then its first request. */
  static byte[] tlsClientFinishedAndRequest(int requestLength, SplittableRandom random) {
    Bytes b = new Bytes(requestLength + 128).u8(TLS_CHANGE_CIPHER_SPEC).u16(0x0303).u16(1).u8(1);
    applicationData(b, 53, random);
    return applicationData(b, requestLength, random).toArray();
  }

  /** Opaque application data records totalling {@code length} ciphertext bytes. */
  static byte[] tlsApplicationData(int length, SplittableRandom random) {
    return applicationData(new Bytes(length + 64), length, random).toArray();
  }

  private static Bytes applicationData(Bytes b, int length, SplittableRandom random) {
    for (int left = length; left > 0; left -= TLS_MAX_RECORD) {
      int part = Math.min(left, TLS_MAX_RECORD);
      b.u8(TLS_APPLICATION_DATA).u16(0x0303).u16(part).random(part, random);
    }
    return b;
  }

  /** A growable big-endian byte writer with back-patched length fields. */
  private static final class Bytes {
    private byte[] data;
    private int size;

    Bytes(int capacity) {
      data = new byte[capacity];
    }

    Bytes u8(int v) {
      ensure(1);
      data[size++] = (byte) v;
      return this;
    }

    Bytes u16(int v) {
      return u8(v >>> 8).u8(v);
    }

    Bytes u32(int v) {
      return u16(v >>> 16).u16(v);
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

    private void ensure(int n) {
      if (size + n > data.length) {
        data = Arrays.copyOf(data, Math.max(data.length * 2, size + n));
      }
    }
  }
}
