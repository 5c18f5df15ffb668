package io.watchfloor.models.inspect;

import io.watchfloor.models.flow.StreamInspector;
import io.watchfloor.protocol.app.AppProtocol;
import io.watchfloor.protocol.decode.DecodedPacket;
import io.watchfloor.protocol.host.PayloadMatch;
import io.watchfloor.protocol.ip.IpAddresses;

/**
 * Payload inspection on the capture thread: for every payload packet of a flow, within the flow's
 * byte budget, the packet's payload is scanned after the last {@link #TAIL} bytes its direction
 * sent before ("reassembled enough": a pattern cut by a packet boundary is still found, and
 * retransmitted or reordered segments are scanned as they arrive). Signatures run on every flow;
 * the sensitive-data scan runs only on packets going from an internal address to an external one
 * (private ranges as {@code AddressScope} draws them). Flows whose payload is encrypted (TLS, SSH,
 * QUIC, RDP) stop being scanned once recognised. What is found goes, redacted, to the window's
 * {@link PayloadMatchCollector} under the packet's sender.
 *
 * <p>Per flow one small state object; per packet no allocation unless something is found. Not
 * thread-safe: one per segment.
 */
public final class PayloadScanner
    implements StreamInspector, LiteralMatcher.Hits, SensitiveDataScanner.Found {

  /** Bytes of a direction kept to prefix its next packet. */
  static final int TAIL = 64;
  private static final int MAX_PAYLOAD = 65_535;
  private static final int FTP_PORT = 21;
  private static final int TELNET_PORT = 23;
  private static final int IPV4_GROUP_FIRST_OCTET = 224;

  private final PayloadInspectionSettings settings;
  private final SignatureRules rules;
  private final SensitiveDataScanner sensitive;
  private final PayloadMatchCollector collector;
  private final byte[] window = new byte[TAIL + MAX_PAYLOAD];
  private final int[] firedThisPacket = new int[16];

  // the packet being scanned (single capture thread)
  private DecodedPacket packet;
  private FlowScan flow;
  private RuleSet ruleSet;
  private boolean toServer;
  private int windowLength;
  private long streamBase;
  private int fired;
  private String protocolId;
  /** The packet's addresses as text, formatted at its first match only. */
  private String senderText;
  private String receiverText;

  public PayloadScanner(PayloadInspectionSettings settings, SignatureRules rules, PayloadMatchCollector collector) {
    this.settings = settings;
    this.rules = rules;
    this.collector = collector;
    this.sensitive = settings.sensitiveDataEnabled()
        ? new SensitiveDataScanner(settings.customPatterns()) : null;
  }

  @Override
  public Stream open(DecodedPacket p) {
    if (settings.bytesPerFlow() == 0 || (p.ipProtocol() != 6 && p.ipProtocol() != 17)) {
      return Stream.DONE;
    }
    boolean anyRules = settings.signaturesEnabled() && !rules.current().rules().isEmpty();
    boolean mayLeak = sensitive != null && (crossesBoundary(p));
    if (!anyRules && !mayLeak) {
      return Stream.DONE; // internal-only or external-only flow, no rules: nothing to look for
    }
    return new FlowScan(this);
  }

  /** One direction of this flow goes from an internal address to an external one. */
  private static boolean crossesBoundary(DecodedPacket p) {
    boolean srcInternal = IpAddresses.isPrivate(p.srcHi(), p.srcLo());
    boolean dstInternal = IpAddresses.isPrivate(p.dstHi(), p.dstLo());
    return srcInternal ? !dstInternal && isUnicast(p.dstHi(), p.dstLo()) : dstInternal && isUnicast(p.srcHi(), p.srcLo());
  }

  private static boolean isUnicast(long hi, long lo) {
    if (IpAddresses.isIpv4(hi, lo)) {
      int first = (int) (lo >>> 24) & 0xff;
      return first != 0 && first < IPV4_GROUP_FIRST_OCTET;
    }
    return (hi >>> 56) != 0xff && (hi | lo) != 0;
  }

  boolean accept(FlowScan s, DecodedPacket p, boolean fromInitiator, AppProtocol protocol) {
    if (protocol == AppProtocol.TLS || protocol == AppProtocol.SSH || protocol == AppProtocol.QUIC
        || protocol == AppProtocol.RDP) {
      return false; // encrypted: nothing readable, and no budget spent on it
    }
    int budget = settings.bytesPerFlow() - s.seen;
    int length = Math.min(p.payloadLength(), budget);
    boolean signatures = settings.signaturesEnabled();
    RuleSet rs = signatures ? rules.current() : RuleSet.EMPTY;
    boolean outbound = sensitive != null && IpAddresses.isPrivate(p.srcHi(), p.srcLo())
        && !IpAddresses.isPrivate(p.dstHi(), p.dstLo()) && isUnicast(p.dstHi(), p.dstLo());
    int dir = fromInitiator ? 0 : 1;
    s.spoke |= 1 << dir;
    if (rs.rules().isEmpty() && !outbound) {
      s.seen += length;
      s.position[dir] += length;
      return s.seen < settings.bytesPerFlow();
    }
    int tail = s.tailLength[dir];
    System.arraycopy(s.tail, dir * TAIL, window, 0, tail);
    p.buffer().get(p.payloadOffset(), window, tail, length);
    windowLength = tail + length;
    streamBase = s.position[dir] - tail;
    packet = p;
    flow = s;
    senderText = null;
    receiverText = null;
    toServer = fromInitiator;
    protocolId = protocol == AppProtocol.UNKNOWN ? "" : protocol.id();
    try {
      if (!rs.rules().isEmpty()) {
        ruleSet = rs;
        fired = 0;
        rs.matcher().scan(window, 0, windowLength, tail, this);
      }
      if (outbound) {
        boolean ftp = protocol == AppProtocol.FTP || p.dstPort() == FTP_PORT;
        boolean telnet = fromInitiator && (protocol == AppProtocol.TELNET || p.dstPort() == TELNET_PORT);
        int lines = telnet ? SensitiveDataScanner.TELNET_LOGIN_LINES - s.telnetLines : 0;
        s.telnetLines += sensitive.scan(window, 0, windowLength, tail, ftp, lines, this);
      }
    } finally {
      packet = null;
      flow = null;
      ruleSet = null;
    }
    int keep = Math.min(TAIL, windowLength);
    System.arraycopy(window, windowLength - keep, s.tail, dir * TAIL, keep);
    s.tailLength[dir] = keep;
    s.seen += length;
    s.position[dir] += length;
    return s.seen < settings.bytesPerFlow();
  }

  /** A fast pattern matched: check the rules that use it. */
  @Override
  public void hit(int literal, int start, int end) {
    DecodedPacket p = packet;
    for (int index : ruleSet.rulesOf(literal)) {
      SignatureRule rule = ruleSet.rule(index);
      if (alreadyFired(index)
          || !rule.admits(p.ipProtocol(), p.srcHi(), p.srcLo(), p.srcPort(), p.dstHi(), p.dstLo(),
              p.dstPort(), toServer, flow.spoke == 3)) {
        continue;
      }
      Content fast = rule.contents().get(rule.fast());
      if (!fast.nocase() && !LiteralMatcher.matchesAt(window, start, windowLength, fast.bytes(), false)) {
        continue;
      }
      Boolean single = rule.matchesAtFastPattern(0, start, streamBase);
      if (single == null ? !rule.payloadMatches(window, 0, windowLength, streamBase) : !single) {
        continue;
      }
      if (fired < firedThisPacket.length) {
        firedThisPacket[fired++] = index;
      }
      record(PayloadMatch.SIGNATURE, Long.toString(rule.sid()), rule.msg(),
          rule.classtype().isEmpty() ? "signature" : rule.classtype(), rule.rev(), "");
    }
  }

  private boolean alreadyFired(int index) {
    for (int i = 0; i < fired; i++) {
      if (firedThisPacket[i] == index) {
        return true;
      }
    }
    return false;
  }

  /** Sensitive data found in the current window (snippet already redacted). */
  @Override
  public void found(String kind, String name, String category, String redacted) {
    record(PayloadMatch.SENSITIVE_DATA, kind, name, category, 0, redacted);
  }

  private void record(String source, String kind, String name, String category, int revision, String redacted) {
    DecodedPacket p = packet;
    if (senderText == null) {
      senderText = IpAddresses.format(p.srcHi(), p.srcLo());
      receiverText = IpAddresses.format(p.dstHi(), p.dstLo());
    }
    collector.add(senderText, flow, source, kind, name, category, revision, receiverText, p.dstPort(),
        p.ipProtocol() == 6 ? "tcp" : "udp", protocolId, redacted);
  }

  /** Per-flow state: budget spent, stream positions and the last bytes of each direction. */
  static final class FlowScan implements Stream {
    private final PayloadScanner scanner;
    final byte[] tail = new byte[2 * TAIL];
    final int[] tailLength = new int[2];
    final long[] position = new long[2];
    int seen;
    int spoke;
    int telnetLines;

    FlowScan(PayloadScanner scanner) {
      this.scanner = scanner;
    }

    @Override
    public boolean accept(DecodedPacket packet, boolean fromInitiator, AppProtocol protocol) {
      return scanner.accept(this, packet, fromInitiator, protocol);
    }
  }
}
