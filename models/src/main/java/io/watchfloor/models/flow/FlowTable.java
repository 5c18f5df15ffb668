package io.watchfloor.models.flow;

import io.watchfloor.protocol.app.AppProtocol;
import io.watchfloor.protocol.decode.DecodedPacket;
import io.watchfloor.protocol.decode.TcpFlags;
import io.watchfloor.protocol.flow.FlowRecord;
import io.watchfloor.protocol.ip.IpAddresses;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Bidirectional flows of one packet stream, in an open-addressing table (linear probing,
 * backward-shift deletion) over primitive arrays: no allocation per packet once the table has
 * grown, objects only per exported flow (the {@link FlowRecord}) and per inspected flow (its
 * {@link PayloadFinding}).
 *
 * <p>Flow semantics follow argus 3.0 so flow counts compare with {@code argus | racluster} (see
 * {@link PacketKey} for the keys): a flow idle longer than its protocol's idle timeout is exported
 * ("idle") and a later packet of the same key starts a new record whose initiator is that packet's
 * sender (argus's {@code <?>} records); a flow older than the active timeout is exported ("active")
 * and continues as a new record; {@link #flushAll()} exports the rest ("end"); a full table
 * evicts the least recently seen flow of the new key's probe neighbourhood ("evicted").
 *
 * <p>The initiator is the sender of a SYN without ACK, the receiver of a SYN+ACK seen first, else
 * the first packet's sender. Byte counts are wire lengths, as tshark and argus count them.
 *
 * <p>Not thread-safe: one table per capture thread. Time is the packets' time.
 */
public final class FlowTable {

  static final String IDLE = "idle";
  static final String ACTIVE = "active";
  static final String END = "end";
  static final String EVICTED = "evicted";
  static final String ORIGIN = "pcap";

  private static final int KEY_WORDS = 5;
  private static final int COUNT_WORDS = 6;
  private static final int INFO_WORDS = 4;
  private static final int INITIAL_CAPACITY = 1 << 10;
  /** Probe neighbourhood searched for the least recently seen flow when full. */
  static final int EVICTION_CANDIDATES = 16;
  /** Idle flows are looked for in one pass over the table at most this often (capture time). */
  static final long SWEEP_INTERVAL_NANOS = 1_000_000_000L;

  // info[0] flag bits; per side: A bit, B bit = A bit << 1
  private static final int USED = 1;
  private static final int INITIATOR_IS_A = 1 << 1;
  private static final int SEEN_A = 1 << 2;
  private static final int SYN_A = 1 << 4;
  private static final int SYNACK_A = 1 << 6;
  private static final int FIN_A = 1 << 8;
  private static final int RST_A = 1 << 10;

  private final FlowSettings settings;
  private final FlowSink sink;
  private final PayloadInspector inspector;
  private final StreamInspector streamInspector;
  private final PacketDedup dedup;
  private final FragmentTracker fragments = new FragmentTracker();
  private final PacketKey key = new PacketKey();
  private final int maxCapacity;

  private long[] keys;
  private long[] counts;
  private int[] info;
  private PayloadFinding[] findings;
  private StreamInspector.Stream[] streams;
  private int mask;
  private int size;
  private int growAt;

  private long now = Long.MIN_VALUE;
  private long nextSweep = Long.MIN_VALUE;
  private long packets;
  private long created;
  private long exported;
  private long evicted;
  private long ignored;
  /** Oriented key of the record being exported, for tests that merge records as racluster does. */
  private String exportingKey;

  public FlowTable(FlowSettings settings, FlowSink sink) {
    this(settings, sink, PayloadInspector.NONE);
  }

  public FlowTable(FlowSettings settings, FlowSink sink, PayloadInspector inspector) {
    this(settings, sink, inspector, StreamInspector.NONE);
  }

  /** @param streamInspector sees every payload packet of a flow while the flow's stream wants it */
  public FlowTable(
      FlowSettings settings, FlowSink sink, PayloadInspector inspector, StreamInspector streamInspector) {
    this.settings = settings;
    this.sink = sink;
    this.inspector = inspector;
    this.streamInspector = streamInspector;
    this.dedup = settings.dedupEnabled() ? new PacketDedup(settings.dedupWindowNanos()) : null;
    long wanted = Math.max(INITIAL_CAPACITY, (long) settings.maxFlows() * 4 / 3 + 1);
    this.maxCapacity = (int) Math.min(1 << 30, Long.highestOneBit(wanted - 1) << 1);
    allocate(Math.min(INITIAL_CAPACITY, maxCapacity));
  }

  /**
   * Accounts one decoded packet.
   *
   * @param frameOffset where the frame starts in {@code packet.buffer()} (the offset it was decoded
   *     from, e.g. {@code CaptureFileReader.offset()})
   */
  public void add(DecodedPacket packet, int frameOffset) {
    packets++;
    long t = packet.timestampNanos();
    if (t > now) {
      now = t;
      if (now >= nextSweep) {
        if (nextSweep != Long.MIN_VALUE) {
          expire(now);
        }
        nextSweep = now + SWEEP_INTERVAL_NANOS;
      }
    }
    if (dedup != null && dedup.isDuplicate(packet)) {
      return;
    }
    PacketKey k = key;
    if (!k.read(packet, frameOffset, fragments)) {
      ignored++;
      return;
    }
    long meta = ((long) (k.vlan + 1) << 48) | ((long) k.kind << 32)
        | ((k.aPort & 0xffffL) << 16) | (k.bPort & 0xffffL);
    int hash = hash(k.aHi, k.aLo, k.bHi, k.bLo, meta);
    int slot = find(k.aHi, k.aLo, k.bHi, k.bLo, meta, hash);
    int tcpFlags = k.kind == PacketKey.TCP ? packet.tcpFlags() : 0;
    if (slot < 0) {
      slot = insert(k.aHi, k.aLo, k.bHi, k.bLo, meta, hash);
      start(slot, k, tcpFlags, t);
    } else {
      long last = counts[slot * COUNT_WORDS + 5];
      if (t - last > idleTimeout(k.kind)) {
        export(slot, IDLE);
        start(slot, k, tcpFlags, t);
      } else if (t - counts[slot * COUNT_WORDS + 4] >= settings.activeTimeoutNanos()) {
        export(slot, ACTIVE);
        restart(slot, t);
      }
    }
    update(slot, k.fromA, packet, tcpFlags, t);
  }

  /** Exports every flow idle or older than its timeouts at {@code nowNanos}; capture calls it when packets stop. */
  public void expire(long nowNanos) {
    for (int slot = 0; slot <= mask; ) {
      int flags = info[slot * INFO_WORDS];
      if ((flags & USED) == 0) {
        slot++;
        continue;
      }
      int kind = (int) (keys[slot * KEY_WORDS + 4] >>> 32) & 0xffff;
      int c = slot * COUNT_WORDS;
      if (nowNanos - counts[c + 5] > idleTimeout(kind)) {
        export(slot, IDLE);
        delete(slot); // the next entry may have shifted into this slot: look at it again
      } else {
        if (nowNanos - counts[c + 4] >= settings.activeTimeoutNanos()) {
          export(slot, ACTIVE);
          restart(slot, nowNanos);
        }
        slot++;
      }
    }
  }

  /** Exports every flow (end of input) and empties the table. */
  public void flushAll() {
    for (int slot = 0; slot <= mask; slot++) {
      if ((info[slot * INFO_WORDS] & USED) != 0) {
        export(slot, END);
      }
    }
    allocate(Math.min(INITIAL_CAPACITY, maxCapacity));
  }

  public FlowStats stats() {
    return new FlowStats(packets, created, exported, evicted, size,
        dedup == null ? 0 : dedup.duplicates(), fragments.overlapping(), ignored);
  }

  public FlowSettings settings() {
    return settings;
  }

  /** During a sink call: the record's key, oriented initiator first (racluster merges by it). */
  String exportingKey() {
    return exportingKey;
  }

  // ---------------------------------------------------------------- per-packet state

  private long idleTimeout(int kind) {
    switch (kind) {
      case PacketKey.TCP:
        return settings.tcpIdleNanos();
      case PacketKey.UDP:
        return settings.udpIdleNanos();
      case PacketKey.ICMP:
      case PacketKey.ICMPV6:
        return settings.icmpIdleNanos();
      case PacketKey.KIND_ARP:
        return settings.arpIdleNanos();
      default:
        return settings.otherIdleNanos();
    }
  }

  private void start(int slot, PacketKey k, int tcpFlags, long t) {
    boolean initiatorIsA = k.fromA;
    if ((tcpFlags & (TcpFlags.SYN | TcpFlags.ACK)) == (TcpFlags.SYN | TcpFlags.ACK)) {
      initiatorIsA = !k.fromA; // the SYN was missed: the receiver of the SYN+ACK started it
    } else if (k.kind == PacketKey.KIND_ARP) {
      initiatorIsA = true; // the asker
    }
    int i = slot * INFO_WORDS;
    info[i] = USED | (initiatorIsA ? INITIATOR_IS_A : 0);
    info[i + 1] = k.icmpTypeCode;
    info[i + 2] = settings.payloadPackets();
    info[i + 3] = settings.payloadBytes();
    int c = slot * COUNT_WORDS;
    Arrays.fill(counts, c, c + COUNT_WORDS, 0L);
    counts[c + 4] = t;
    counts[c + 5] = t;
    findings[slot] = null;
    streams[slot] = null;
    created++;
  }

  /** A new record of a continuing flow: counters restart, key, initiator, state and finding stay. */
  private void restart(int slot, long t) {
    int c = slot * COUNT_WORDS;
    Arrays.fill(counts, c, c + 4, 0L);
    counts[c + 4] = t;
    counts[c + 5] = t;
    created++;
  }

  private void update(int slot, boolean fromA, DecodedPacket p, int tcpFlags, long t) {
    int c = slot * COUNT_WORDS + (fromA ? 0 : 2);
    counts[c]++;
    counts[c + 1] += p.wireLength();
    int last = slot * COUNT_WORDS + 5;
    if (t > counts[last]) {
      counts[last] = t;
    }
    int i = slot * INFO_WORDS;
    int side = fromA ? 0 : 1;
    int flags = info[i] | (SEEN_A << side);
    if (tcpFlags != 0) {
      if ((tcpFlags & TcpFlags.SYN) != 0) {
        flags |= ((tcpFlags & TcpFlags.ACK) != 0 ? SYNACK_A : SYN_A) << side;
      }
      if ((tcpFlags & TcpFlags.FIN) != 0) {
        flags |= FIN_A << side;
      }
      if ((tcpFlags & TcpFlags.RST) != 0) {
        flags |= RST_A << side;
      }
    }
    info[i] = flags;
    int length = p.payloadLength();
    if (length > 0 && inspector != PayloadInspector.NONE && info[i + 2] > 0 && info[i + 3] > 0) {
      int shown = Math.min(length, info[i + 3]);
      info[i + 2]--;
      info[i + 3] -= shown;
      boolean fromInitiator = fromA == ((flags & INITIATOR_IS_A) != 0);
      findings[slot] = inspector.inspect(findings[slot], p.buffer(), p.payloadOffset(), shown,
          p.ipProtocol(), p.srcPort(), p.dstPort(), fromInitiator);
    }
    if (length > 0 && streamInspector != StreamInspector.NONE) {
      inspectStream(slot, p, fromA == ((flags & INITIATOR_IS_A) != 0));
    }
  }

  private void inspectStream(int slot, DecodedPacket p, boolean fromInitiator) {
    StreamInspector.Stream stream = streams[slot];
    if (stream == StreamInspector.Stream.DONE) {
      return;
    }
    if (stream == null) {
      stream = streamInspector.open(p);
      streams[slot] = stream;
    }
    PayloadFinding app = findings[slot];
    if (!stream.accept(p, fromInitiator, app == null ? AppProtocol.UNKNOWN : app.protocol())) {
      streams[slot] = StreamInspector.Stream.DONE;
    }
  }

  // ---------------------------------------------------------------- export

  private void export(int slot, String reason) {
    FlowRecord record = toRecord(slot, reason);
    exported++;
    exportingKey = orientedKey(slot);
    try {
      sink.accept(record);
    } finally {
      exportingKey = null;
    }
  }

  private FlowRecord toRecord(int slot, String reason) {
    int k = slot * KEY_WORDS;
    long meta = keys[k + 4];
    int vlan = (int) (meta >>> 48) - 1;
    int kind = (int) (meta >>> 32) & 0xffff;
    int aPort = (int) (meta >>> 16) & 0xffff;
    int bPort = (int) meta & 0xffff;
    int flags = info[slot * INFO_WORDS];
    boolean aFirst = (flags & INITIATOR_IS_A) != 0;
    long iHi = aFirst ? keys[k] : keys[k + 2];
    long iLo = aFirst ? keys[k + 1] : keys[k + 3];
    long rHi = aFirst ? keys[k + 2] : keys[k];
    long rLo = aFirst ? keys[k + 3] : keys[k + 1];
    int c = slot * COUNT_WORDS;
    long iPackets = counts[c + (aFirst ? 0 : 2)];
    long iBytes = counts[c + (aFirst ? 1 : 3)];
    long rPackets = counts[c + (aFirst ? 2 : 0)];
    long rBytes = counts[c + (aFirst ? 3 : 1)];
    int icmpTypeCode = info[slot * INFO_WORDS + 1];
    String transport;
    String sourceIp;
    String destinationIp;
    int sourcePort = 0;
    int destinationPort = 0;
    String communityId = null;
    Map<String, String> metadata = new HashMap<>();
    PayloadFinding finding = findings[slot];
    if (finding != null) {
      metadata.putAll(finding.metadata());
    }
    if (kind == PacketKey.KIND_L2) {
      transport = aPort < 0x600 ? "llc" : String.format("ether-0x%04x", aPort);
      sourceIp = null;
      destinationIp = null;
      metadata.put("source.mac", mac(iLo));
      metadata.put("destination.mac", mac(rLo));
    } else {
      sourceIp = IpAddresses.format(iHi, iLo);
      destinationIp = IpAddresses.format(rHi, rLo);
      if (kind == PacketKey.KIND_ARP) {
        transport = "arp";
      } else {
        transport = transportName(kind);
        if (kind == PacketKey.ICMP || kind == PacketKey.ICMPV6) {
          if (icmpTypeCode >= 0) {
            sourcePort = icmpTypeCode >>> 8;
            destinationPort = icmpTypeCode & 0xff;
          }
        } else {
          sourcePort = aFirst ? aPort : bPort;
          destinationPort = aFirst ? bPort : aPort;
        }
        communityId = CommunityId.v1(0, iHi, iLo, rHi, rLo, kind, sourcePort, destinationPort);
      }
    }
    String protocol = finding == null || finding.protocol() == AppProtocol.UNKNOWN
        ? null : finding.protocol().id();
    return new FlowRecord(transport, sourceIp, sourcePort, destinationIp, destinationPort, vlan,
        iPackets, iBytes, rPackets, rBytes, counts[c + 4], counts[c + 5], protocol, communityId,
        kind == PacketKey.TCP ? tcpState(flags, aFirst) : null, reason, ORIGIN, metadata);
  }

  /** attempted / rejected / established / closed / reset, from the initiator's point of view. */
  static String tcpState(int flags, boolean initiatorIsA) {
    int i = initiatorIsA ? 0 : 1;
    int r = 1 - i;
    boolean synFromInitiator = (flags & (SYN_A << i)) != 0;
    boolean synAckFromResponder = (flags & (SYNACK_A << r)) != 0;
    boolean bothSpoke = (flags & (SEEN_A << i)) != 0 && (flags & (SEEN_A << r)) != 0;
    boolean established = synAckFromResponder ? bothSpoke : !synFromInitiator && bothSpoke;
    if ((flags & (RST_A | RST_A << 1)) != 0) {
      return !established && (flags & (RST_A << r)) != 0 ? "rejected" : "reset";
    }
    if ((flags & (FIN_A << i)) != 0 && (flags & (FIN_A << r)) != 0) {
      return "closed";
    }
    return established ? "established" : "attempted";
  }

  static String transportName(int protocol) {
    switch (protocol) {
      case PacketKey.TCP:
        return "tcp";
      case PacketKey.UDP:
        return "udp";
      case PacketKey.ICMP:
        return "icmp";
      case PacketKey.ICMPV6:
        return "ipv6-icmp";
      case PacketKey.SCTP:
        return "sctp";
      default:
        return Integer.toString(protocol);
    }
  }

  private String orientedKey(int slot) {
    int k = slot * KEY_WORDS;
    boolean aFirst = (info[slot * INFO_WORDS] & INITIATOR_IS_A) != 0;
    long meta = keys[k + 4];
    int aPort = (int) (meta >>> 16) & 0xffff;
    int bPort = (int) meta & 0xffff;
    int kind = (int) (meta >>> 32) & 0xffff;
    boolean icmp = kind == PacketKey.ICMP || kind == PacketKey.ICMPV6;
    String a = Long.toHexString(keys[k]) + ":" + Long.toHexString(keys[k + 1]) + (icmp ? "" : ":" + aPort);
    String b = Long.toHexString(keys[k + 2]) + ":" + Long.toHexString(keys[k + 3]) + (icmp ? "" : ":" + bPort);
    return (meta >>> 32) + "|" + (aFirst ? a + ">" + b : b + ">" + a) + (icmp ? "|" + aPort + "/" + bPort : "");
  }

  private static String mac(long value) {
    StringBuilder text = new StringBuilder(17);
    for (int shift = 40; shift >= 0; shift -= 8) {
      if (shift != 40) {
        text.append(':');
      }
      int octet = (int) (value >>> shift) & 0xff;
      text.append(Character.forDigit(octet >>> 4, 16)).append(Character.forDigit(octet & 0xf, 16));
    }
    return text.toString();
  }

  // ---------------------------------------------------------------- open addressing

  private void allocate(int capacity) {
    keys = new long[capacity * KEY_WORDS];
    counts = new long[capacity * COUNT_WORDS];
    info = new int[capacity * INFO_WORDS];
    findings = new PayloadFinding[capacity];
    streams = new StreamInspector.Stream[capacity];
    mask = capacity - 1;
    size = 0;
    growAt = capacity == maxCapacity ? Integer.MAX_VALUE : capacity / 4 * 3;
  }

  static int hash(long aHi, long aLo, long bHi, long bLo, long meta) {
    long h = aHi * 0x9E3779B97F4A7C15L + aLo;
    h = h * 0xC2B2AE3D27D4EB4FL + bHi;
    h = h * 0x165667B19E3779F9L + bLo;
    h = h * 0x9E3779B97F4A7C15L + meta;
    h ^= h >>> 32;
    h *= 0xD6E8FEB86659FD93L;
    return (int) (h ^ (h >>> 29));
  }

  /** The slot holding the key, or -1. */
  private int find(long aHi, long aLo, long bHi, long bLo, long meta, int hash) {
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      if ((info[slot * INFO_WORDS] & USED) == 0) {
        return -1;
      }
      int k = slot * KEY_WORDS;
      if (keys[k + 4] == meta && keys[k + 1] == aLo && keys[k + 3] == bLo && keys[k] == aHi
          && keys[k + 2] == bHi) {
        return slot;
      }
    }
  }

  private int insert(long aHi, long aLo, long bHi, long bLo, long meta, int hash) {
    if (size >= settings.maxFlows()) {
      evictNear(hash);
    } else if (size >= growAt) {
      grow();
    }
    int slot = hash & mask;
    while ((info[slot * INFO_WORDS] & USED) != 0) {
      slot = (slot + 1) & mask;
    }
    int k = slot * KEY_WORDS;
    keys[k] = aHi;
    keys[k + 1] = aLo;
    keys[k + 2] = bHi;
    keys[k + 3] = bLo;
    keys[k + 4] = meta;
    info[slot * INFO_WORDS] = USED;
    size++;
    return slot;
  }

  /** Exports and removes the least recently seen of the flows probed from the new key's home slot. */
  private void evictNear(int hash) {
    int oldest = -1;
    int slot = hash & mask;
    for (int seen = 0; seen < EVICTION_CANDIDATES; slot = (slot + 1) & mask) {
      if ((info[slot * INFO_WORDS] & USED) == 0) {
        if (oldest >= 0) {
          break; // end of the cluster
        }
        continue;
      }
      seen++;
      if (oldest < 0 || counts[slot * COUNT_WORDS + 5] < counts[oldest * COUNT_WORDS + 5]) {
        oldest = slot;
      }
    }
    export(oldest, EVICTED);
    evicted++;
    delete(oldest);
  }

  /** Backward-shift deletion: entries after the hole move back if that keeps them reachable. */
  private void delete(int hole) {
    int slot = hole;
    while (true) {
      slot = (slot + 1) & mask;
      if ((info[slot * INFO_WORDS] & USED) == 0) {
        break;
      }
      int k = slot * KEY_WORDS;
      int home = hash(keys[k], keys[k + 1], keys[k + 2], keys[k + 3], keys[k + 4]) & mask;
      boolean reachableFromHole = ((slot - home) & mask) >= ((slot - hole) & mask);
      if (reachableFromHole) {
        move(slot, hole);
        hole = slot;
      }
    }
    info[hole * INFO_WORDS] = 0;
    findings[hole] = null;
    streams[hole] = null;
    size--;
  }

  private void move(int from, int to) {
    System.arraycopy(keys, from * KEY_WORDS, keys, to * KEY_WORDS, KEY_WORDS);
    System.arraycopy(counts, from * COUNT_WORDS, counts, to * COUNT_WORDS, COUNT_WORDS);
    System.arraycopy(info, from * INFO_WORDS, info, to * INFO_WORDS, INFO_WORDS);
    findings[to] = findings[from];
    streams[to] = streams[from];
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldCounts = counts;
    int[] oldInfo = info;
    PayloadFinding[] oldFindings = findings;
    StreamInspector.Stream[] oldStreams = streams;
    int oldCapacity = mask + 1;
    int oldSize = size;
    allocate(oldCapacity * 2);
    for (int from = 0; from < oldCapacity; from++) {
      if ((oldInfo[from * INFO_WORDS] & USED) == 0) {
        continue;
      }
      int k = from * KEY_WORDS;
      int slot = hash(oldKeys[k], oldKeys[k + 1], oldKeys[k + 2], oldKeys[k + 3], oldKeys[k + 4]) & mask;
      while ((info[slot * INFO_WORDS] & USED) != 0) {
        slot = (slot + 1) & mask;
      }
      System.arraycopy(oldKeys, k, keys, slot * KEY_WORDS, KEY_WORDS);
      System.arraycopy(oldCounts, from * COUNT_WORDS, counts, slot * COUNT_WORDS, COUNT_WORDS);
      System.arraycopy(oldInfo, from * INFO_WORDS, info, slot * INFO_WORDS, INFO_WORDS);
      findings[slot] = oldFindings[from];
      streams[slot] = oldStreams[from];
    }
    size = oldSize;
  }
}
