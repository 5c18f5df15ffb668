package io.watchfloor.protocol.decode;

/** TCP flag bits of header byte 13 (RFC 9293 §3.1, ECE/CWR RFC 3168 §6.1). */
public final class TcpFlags {

  public static final int FIN = 1;
  public static final int SYN = 2;
  public static final int RST = 4;
  public static final int PSH = 8;
  public static final int ACK = 16;
  public static final int URG = 32;
  public static final int ECE = 64;
  public static final int CWR = 128;

  private TcpFlags() {}

  /**
   * Combinations no conforming stack sends, used by scanners to fingerprint or evade: no flags
   * ("null"), SYN with FIN or RST, and FIN without ACK (which covers FIN and Xmas scans: after
   * the handshake every segment carries ACK, RFC 9293 §3.10.7.4).
   */
  public static boolean isIllegal(int flags) {
    return flags == 0
        || (flags & (SYN | FIN)) == (SYN | FIN)
        || (flags & (SYN | RST)) == (SYN | RST)
        || (flags & (FIN | ACK)) == FIN;
  }
}
