package io.watchfloor.models.inspect;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One loaded rule. {@code fast} is the content the multi-pattern matcher looks for (the one marked
 * {@code fast_pattern}, else the longest); the rest is checked only where it occurs.
 *
 * @param transport 6 (tcp), 17 (udp) or 0 (ip: any)
 * @param direction 1: to_server / from_client, -1: to_client / from_server, 0: either
 * @param established the flow must be established (TCP: carrying payload; UDP: both sides spoke)
 * @param bidirectional written with {@code <>}: source and destination may be swapped
 */
public record SignatureRule(
    long sid,
    int rev,
    String msg,
    String classtype,
    int transport,
    IpSet source,
    PortSet sourcePorts,
    IpSet destination,
    PortSet destinationPorts,
    boolean bidirectional,
    int direction,
    boolean established,
    List<Content> contents,
    List<Pattern> pcres,
    int fast,
    String file,
    int line) {

  public SignatureRule {
    contents = List.copyOf(contents);
    pcres = List.copyOf(pcres);
  }

  /** Whether the header (protocol, addresses, ports, flow options) admits this packet. */
  boolean admits(int ipProtocol, long srcHi, long srcLo, int srcPort, long dstHi, long dstLo, int dstPort,
      boolean toServer, boolean bothSidesSpoke) {
    if (transport != 0 && transport != ipProtocol) {
      return false;
    }
    if (direction != 0 && (direction > 0) != toServer) {
      return false;
    }
    if (established && ipProtocol != 6 && !bothSidesSpoke) {
      return false;
    }
    boolean forward = source.contains(srcHi, srcLo) && sourcePorts.contains(srcPort)
        && destination.contains(dstHi, dstLo) && destinationPorts.contains(dstPort);
    return forward || (bidirectional && source.contains(dstHi, dstLo) && sourcePorts.contains(dstPort)
        && destination.contains(srcHi, srcLo) && destinationPorts.contains(srcPort));
  }

  /**
   * Whether the rule matches given that its fast pattern, its only content and without pcre, was
   * found at {@code start} (stream offset {@code streamBase + start - from}): only its position is
   * left to check. Null when the rule has more to check than that.
   */
  Boolean matchesAtFastPattern(int from, int start, long streamBase) {
    if (contents.size() != 1 || !pcres.isEmpty()) {
      return null;
    }
    Content c = contents.get(0);
    long at = streamBase + (start - from);
    return at >= c.offset() && (c.depth() <= 0 || at + c.bytes().length <= (long) c.offset() + c.depth());
  }

  /**
   * Whether every content (in order, each at its first admissible place) and every pcre match
   * {@code bytes[from, to)}, whose first byte is stream offset {@code streamBase}.
   */
  boolean payloadMatches(byte[] bytes, int from, int to, long streamBase) {
    int previousEnd = -1;
    for (Content c : contents) {
      int start;
      int limit;
      if (c.relative() && previousEnd >= 0) {
        start = previousEnd + c.distance();
        limit = c.within() > 0 ? previousEnd + c.distance() + c.within() : to;
      } else {
        start = (int) Math.max(from, from + (c.offset() - streamBase));
        limit = c.depth() > 0 ? (int) Math.min(to, from + (c.offset() + c.depth() - streamBase)) : to;
      }
      int at = find(bytes, Math.max(start, from), Math.min(limit, to), c);
      if (at < 0) {
        return false;
      }
      previousEnd = at + c.bytes().length;
    }
    if (!pcres.isEmpty()) {
      Latin1Text text = new Latin1Text(bytes, from, to);
      for (Pattern p : pcres) {
        if (!p.matcher(text).find()) {
          return false;
        }
      }
    }
    return true;
  }

  private static int find(byte[] bytes, int from, int limit, Content c) {
    int last = limit - c.bytes().length;
    for (int i = from; i <= last; i++) {
      if (LiteralMatcher.matchesAt(bytes, i, limit, c.bytes(), c.nocase())) {
        return i;
      }
    }
    return -1;
  }
}
