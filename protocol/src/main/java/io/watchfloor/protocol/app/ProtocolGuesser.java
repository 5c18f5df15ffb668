package io.watchfloor.protocol.app;

import io.watchfloor.protocol.app.dns.DnsMessage;
import io.watchfloor.protocol.app.http.HttpRequestLine;
import io.watchfloor.protocol.app.ssh.SshBanner;
import io.watchfloor.protocol.app.tls.TlsClientHello;
import java.nio.ByteBuffer;

/**
 * Names the application protocol of one payload from its bytes. Every signature that fits
 * votes; a single vote wins. Ports never decide alone: they only pick between protocols the
 * bytes made equally plausible (a bare "220 ready" greeting is FTP or SMTP), and when they do
 * not help either the answer is {@link AppProtocol#UNKNOWN}.
 *
 * <p>Stateless and allocation-free; reads {@code buf} with absolute gets only.
 */
public final class ProtocolGuesser {

  static final int TCP = 6;
  static final int UDP = 17;
  /** values() copies the array on every call; the guesser must not allocate. */
  private static final AppProtocol[] ALL = AppProtocol.values();

  private ProtocolGuesser() {}

  /**
   * @param ipProtocol 6 (TCP) or 17 (UDP); anything else is {@link AppProtocol#UNKNOWN}
   * @param srcPort used only to break ties
   * @param dstPort used only to break ties
   */
  public static AppProtocol guess(ByteBuffer buf, int offset, int length, int ipProtocol,
      int srcPort, int dstPort) {
    if (buf == null || offset < 0 || length <= 0 || offset > buf.limit() - length) {
      return AppProtocol.UNKNOWN;
    }
    int candidates;
    if (ipProtocol == TCP) {
      candidates = tcpCandidates(buf, offset, length);
    } else if (ipProtocol == UDP) {
      candidates = udpCandidates(buf, offset, length);
    } else {
      return AppProtocol.UNKNOWN;
    }
    return resolve(candidates, srcPort, dstPort);
  }

  private static int tcpCandidates(ByteBuffer buf, int offset, int length) {
    int end = offset + length;
    int candidates = 0;
    if (HttpRequestLine.looksLikeRequest(buf, offset, length)
        || HttpRequestLine.looksLikeResponse(buf, offset, length)) {
      candidates |= bit(AppProtocol.HTTP);
    }
    if (TlsClientHello.startsWithHelloRecord(buf, offset, length)) {
      candidates |= bit(AppProtocol.TLS);
    }
    if (SshBanner.looksLikeBanner(buf, offset, length)) {
      candidates |= bit(AppProtocol.SSH);
    }
    if (BinarySignatures.isSmb(buf, offset, end)) {
      candidates |= bit(AppProtocol.SMB);
    }
    if (BinarySignatures.isRdp(buf, offset, end)) {
      candidates |= bit(AppProtocol.RDP);
    }
    if (BinarySignatures.isTelnet(buf, offset, end)) {
      candidates |= bit(AppProtocol.TELNET);
    }
    if (TextSignatures.isSip(buf, offset, end)) {
      candidates |= bit(AppProtocol.SIP);
    }
    if (candidates == 0) {
      candidates = TextSignatures.mailOrFile(buf, offset, end);
    }
    return candidates;
  }

  private static int udpCandidates(ByteBuffer buf, int offset, int length) {
    int end = offset + length;
    int candidates = 0;
    if (DnsMessage.looksLikeDns(buf, offset, length)) {
      candidates |= bit(AppProtocol.DNS);
    }
    if (BinarySignatures.isDhcp(buf, offset, end)) {
      candidates |= bit(AppProtocol.DHCP);
    } else if (BinarySignatures.isNtp(buf, offset, end)) {
      candidates |= bit(AppProtocol.NTP); // a DHCP packet's first bytes can pass as NTP
    }
    if (BinarySignatures.isQuicLongHeader(buf, offset, end)) {
      candidates |= bit(AppProtocol.QUIC);
    }
    if (TextSignatures.isSip(buf, offset, end)) {
      candidates |= bit(AppProtocol.SIP);
    }
    return candidates;
  }

  /** One candidate wins; among several, the only one whose well-known port is in use wins. */
  static AppProtocol resolve(int candidates, int srcPort, int dstPort) {
    if (candidates == 0) {
      return AppProtocol.UNKNOWN;
    }
    if (Integer.bitCount(candidates) == 1) {
      return ALL[Integer.numberOfTrailingZeros(candidates)];
    }
    AppProtocol chosen = AppProtocol.UNKNOWN;
    for (int rest = candidates; rest != 0; rest &= rest - 1) {
      AppProtocol candidate = ALL[Integer.numberOfTrailingZeros(rest)];
      if (WellKnownPorts.isWellKnown(candidate, srcPort)
          || WellKnownPorts.isWellKnown(candidate, dstPort)) {
        if (chosen != AppProtocol.UNKNOWN) {
          return AppProtocol.UNKNOWN;
        }
        chosen = candidate;
      }
    }
    return chosen;
  }

  private static int bit(AppProtocol protocol) {
    return 1 << protocol.ordinal();
  }
}
