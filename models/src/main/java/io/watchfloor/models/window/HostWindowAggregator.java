package io.watchfloor.models.window;

import io.watchfloor.models.collect.AddressTable;
import io.watchfloor.models.collect.LongIntMap;
import io.watchfloor.protocol.decode.DecodedPacket;
import io.watchfloor.protocol.decode.Malformation;
import io.watchfloor.protocol.flow.FlowRecord;
import io.watchfloor.protocol.host.HostWindow;
import io.watchfloor.protocol.host.HostWindow.FloodEvidence;
import io.watchfloor.protocol.host.HostWindow.PacketShape;
import io.watchfloor.protocol.host.HostWindow.ScanEvidence;
import io.watchfloor.protocol.ip.IpAddresses;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the decoded packets (or the flow records) of one segment into per-host deltas, one {@link
 * HostWindow} per host per time window. Windows follow the capture clock (packet timestamps), so a pcap analysed later gives
 * the same windows as the live traffic did.
 *
 * <p>The per-packet path allocates nothing: addresses are interned to dense indexes and counters
 * live in primitive arrays. Objects appear once per host per window, when a window closes. Not
 * thread-safe: one instance per capture thread.
 */
public final class HostWindowAggregator {
  /** Host indexes are packed into 23 bits of a connection key. */
  public static final int MAX_HOSTS_PER_WINDOW = (1 << 23) - 2;

  private static final int TCP = 6;
  private static final int UDP = 17;
  private static final int SYN = 0x02;
  private static final int RST = 0x04;
  private static final int ACK = 0x10;

  private static final int ATTEMPTED = 1;
  private static final int ANSWERED = 2;
  private static final int REFUSED = 4;
  private static final int SAMPLE_PORTS = 20;
  private static final List<HostWindow> NOTHING = List.of();

  private final String site;
  private final String segment;
  private final WindowSettings settings;

  private final AddressTable hosts;
  private final LongIntMap peerPairs = new LongIntMap(1 << 12);
  private final LongIntMap connections = new LongIntMap(1 << 12);
  private final LongIntMap runHosts = new LongIntMap(1 << 10);
  private long[] packetsIn = new long[256];
  private long[] packetsOut = new long[256];
  private long[] bytesIn = new long[256];
  private long[] bytesOut = new long[256];
  private int[] malformed = new int[256];
  /** Ordinal + 1 of the last malformation seen in each host's packets, 0 for none. */
  private int[] lastMalformation = new int[256];
  /** Per host, over the packets it sent: sum of squared wire lengths, for the size spread. */
  private double[] sizeSquares = new double[256];
  /** Per host: capture time of the last packet it sent (nanoseconds), 0 before the first. */
  private long[] lastSentNanos = new long[256];
  /** Per host: number, sum and sum of squares of the gaps between its sent packets (ms). */
  private int[] gaps = new int[256];
  private double[] gapSum = new double[256];
  private double[] gapSquares = new double[256];
  private final WindowFlows flows = new WindowFlows();

  private long windowStart = Long.MIN_VALUE;
  private final CaptureCounters counters = new CaptureCounters();

  public HostWindowAggregator(String site, String segment, WindowSettings settings) {
    this.site = site;
    this.segment = segment;
    this.settings = settings;
    this.hosts = new AddressTable(256, settings.maxHostsPerWindow());
  }

  public long windowMillis() {
    return settings.windowMillis();
  }

  public CaptureCounters counters() {
    return counters;
  }

  /**
   * Accounts one decoded packet. Returns the windows this packet closed (usually none, then an
   * immutable empty list).
   */
  public List<HostWindow> accept(DecodedPacket p) {
    counters.packets++;
    counters.bytes += p.wireLength();
    long tsMillis = Math.floorDiv(p.timestampNanos(), 1_000_000L);
    List<HostWindow> closed = NOTHING;
    if (windowStart == Long.MIN_VALUE) {
      windowStart = align(tsMillis);
    } else if (tsMillis >= windowStart + settings.windowMillis()) {
      closed = closeWindow();
      windowStart = align(tsMillis);
    }
    if (p.isMalformed()) {
      counters.malformed++;
      counters.countMalformation(p.malformation());
    }
    if (p.ipVersion() == 0) {
      counters.nonIp++;
      return closed;
    }
    account(p);
    return closed;
  }

  /**
   * Accounts one flow record (NetFlow, IPFIX, or a flow built elsewhere) in the window of its end
   * time, since exporters report a flow once it has ended. Returns the windows this record closed.
   */
  public List<HostWindow> accept(FlowRecord f) {
    counters.packets += f.packets();
    counters.bytes += f.bytes();
    counters.flows++;
    long endMillis = Math.floorDiv(f.endNanos(), 1_000_000L);
    List<HostWindow> closed = NOTHING;
    if (windowStart == Long.MIN_VALUE) {
      windowStart = align(endMillis);
    } else if (endMillis >= windowStart + settings.windowMillis()) {
      closed = closeWindow();
      windowStart = align(endMillis);
    }
    FlowEndpoints e = FlowEndpoints.of(f);
    if (e == null) {
      counters.nonIp++;
      return closed;
    }
    int src = hosts.indexOf(e.srcHi(), e.srcLo());
    int dst = hosts.indexOf(e.dstHi(), e.dstLo());
    ensureCapacity(hosts.size());
    if (src < 0 || dst < 0) {
      counters.hostOverflow++;
      return closed;
    }
    countRunHost(e.srcHi(), e.srcLo());
    countRunHost(e.dstHi(), e.dstLo());
    packetsOut[src] += f.sourcePackets();
    bytesOut[src] += f.sourceBytes();
    packetsIn[dst] += f.sourcePackets();
    bytesIn[dst] += f.sourceBytes();
    packetsOut[dst] += f.destinationPackets();
    bytesOut[dst] += f.destinationBytes();
    packetsIn[src] += f.destinationPackets();
    bytesIn[src] += f.destinationBytes();
    if (src != dst) {
      peerPairs.add(pairKey(src, dst), saturate(f.sourcePackets()));
      peerPairs.add(pairKey(dst, src), saturate(f.destinationPackets()));
    }
    if (e.attempt()) {
      int state = ATTEMPTED | (e.answered() ? ANSWERED : 0);
      connections.orBits(connectionKey(src, dst, e.tcp(), f.destinationPort()), state);
    }
    return closed;
  }

  /**
   * Attaches a flow the flow table exported (ended, timed out) to the current window of the host
   * that started it, so host entities see flows (peers, ports, application protocol and metadata)
   * without a message per flow.
   */
  public void attach(FlowRecord r) {
    FlowEndpoints e = FlowEndpoints.of(r);
    if (e == null) {
      return;
    }
    if (windowStart == Long.MIN_VALUE) {
      windowStart = align(Math.floorDiv(r.endNanos(), 1_000_000L));
    }
    int src = hosts.indexOf(e.srcHi(), e.srcLo());
    ensureCapacity(hosts.size());
    if (src < 0) {
      counters.hostOverflow++;
      return;
    }
    flows.add(src, r);
  }

  /** Closes the open window if the clock has passed its end (live capture with no traffic). */
  public List<HostWindow> closeIfDue(long nowMillis) {
    if (windowStart != Long.MIN_VALUE && nowMillis >= windowStart + settings.windowMillis()) {
      List<HostWindow> closed = closeWindow();
      windowStart = Long.MIN_VALUE;
      return closed;
    }
    return NOTHING;
  }

  /** Closes the open window: end of file or end of capture. */
  public List<HostWindow> flush() {
    if (windowStart == Long.MIN_VALUE) {
      return NOTHING;
    }
    List<HostWindow> closed = closeWindow();
    windowStart = Long.MIN_VALUE;
    return closed;
  }

  private long align(long tsMillis) {
    return Math.floorDiv(tsMillis, settings.windowMillis()) * settings.windowMillis();
  }

  private void account(DecodedPacket p) {
    if ((p.srcHi() | p.srcLo()) == 0 || (p.dstHi() | p.dstLo()) == 0) {
      counters.unattributed++; // unspecified address (DHCP discover, IPv6 DAD): no host to blame
      return;
    }
    int before = hosts.size();
    int src = hosts.indexOf(p.srcHi(), p.srcLo());
    int dst = hosts.indexOf(p.dstHi(), p.dstLo());
    // Before the overflow check: the source may have been interned even when its peer did not fit.
    ensureCapacity(hosts.size());
    if (src < 0 || dst < 0) {
      counters.hostOverflow++;
      return;
    }
    if (hosts.size() != before) {
      countRunHost(p.srcHi(), p.srcLo());
      countRunHost(p.dstHi(), p.dstLo());
    }
    int len = p.wireLength();
    packetsOut[src]++;
    bytesOut[src] += len;
    sizeSquares[src] += (double) len * len;
    accountGap(src, p.timestampNanos());
    packetsIn[dst]++;
    bytesIn[dst] += len;
    if (p.isMalformed()) {
      malformed[src]++;
      lastMalformation[src] = p.malformation().ordinal() + 1;
    }
    if (src != dst) {
      // value: packets sent in that direction; the reverse key marks the peer relation
      peerPairs.add(pairKey(src, dst), 1);
      peerPairs.add(pairKey(dst, src), 0);
    }
    int proto = p.ipProtocol();
    if (proto == TCP && !p.isFragment()) {
      accountTcp(src, dst, p.srcPort(), p.dstPort(), p.tcpFlags());
    } else if (proto == UDP && !p.isFragment()) {
      accountUdp(src, dst, p.srcPort(), p.dstPort());
    }
  }

  private void accountGap(int src, long nanos) {
    long last = lastSentNanos[src];
    lastSentNanos[src] = nanos;
    if (last != 0 && nanos >= last) {
      double gapMillis = (nanos - last) / 1e6;
      gaps[src]++;
      gapSum[src] += gapMillis;
      gapSquares[src] += gapMillis * gapMillis;
    }
  }

  private static int saturate(long packets) {
    return (int) Math.min(packets, Integer.MAX_VALUE / 2);
  }

  private void accountTcp(int src, int dst, int srcPort, int dstPort, int flags) {
    if ((flags & (SYN | ACK)) == SYN) {
      connections.orBits(connectionKey(src, dst, true, dstPort), ATTEMPTED);
    } else if ((flags & (SYN | ACK)) == (SYN | ACK)) {
      long reverse = connectionKey(dst, src, true, srcPort);
      if (connections.contains(reverse)) {
        connections.orBits(reverse, ANSWERED);
      }
    } else if ((flags & RST) != 0) {
      long reverse = connectionKey(dst, src, true, srcPort);
      if (connections.contains(reverse)) {
        connections.orBits(reverse, REFUSED);
      }
    }
  }

  private void accountUdp(int src, int dst, int srcPort, int dstPort) {
    long reverse = connectionKey(dst, src, false, srcPort);
    if (connections.contains(reverse)) {
      connections.orBits(reverse, ANSWERED);
    } else {
      connections.orBits(connectionKey(src, dst, false, dstPort), ATTEMPTED);
    }
  }

  private void countRunHost(long hi, long lo) {
    if (runHosts.size() >= settings.maxTrackedHosts()) {
      return;
    }
    long key = hi * 0x9E3779B97F4A7C15L ^ lo;
    if (key == 0) {
      key = 1;
    }
    if (!runHosts.contains(key)) {
      runHosts.put(key, 1);
      counters.hosts++;
    }
  }

  private void ensureCapacity(int n) {
    if (n > packetsIn.length) {
      int size = Math.max(n, packetsIn.length * 2);
      packetsIn = Arrays.copyOf(packetsIn, size);
      packetsOut = Arrays.copyOf(packetsOut, size);
      bytesIn = Arrays.copyOf(bytesIn, size);
      bytesOut = Arrays.copyOf(bytesOut, size);
      malformed = Arrays.copyOf(malformed, size);
      lastMalformation = Arrays.copyOf(lastMalformation, size);
      sizeSquares = Arrays.copyOf(sizeSquares, size);
      lastSentNanos = Arrays.copyOf(lastSentNanos, size);
      gaps = Arrays.copyOf(gaps, size);
      gapSum = Arrays.copyOf(gapSum, size);
      gapSquares = Arrays.copyOf(gapSquares, size);
    }
  }

  private static long pairKey(int a, int b) {
    return ((long) (a + 1) << 32) | (b + 1);
  }

  /** 23 bits source, 23 bits destination, 1 bit TCP, 16 bits port; never 0 (indexes are +1). */
  private static long connectionKey(int src, int dst, boolean tcp, int port) {
    return ((long) (src + 1) << 40) | ((long) (dst + 1) << 17) | (tcp ? 1L << 16 : 0) | (port & 0xFFFF);
  }

  private static int keySrc(long key) {
    return (int) (key >>> 40) - 1;
  }

  private static int keyDst(long key) {
    return (int) ((key >>> 17) & 0x7FFFFF) - 1;
  }

  private static boolean keyTcp(long key) {
    return (key & (1L << 16)) != 0;
  }

  private static int keyPort(long key) {
    return (int) (key & 0xFFFF);
  }

  private List<HostWindow> closeWindow() {
    int n = hosts.size();
    counters.windows++;
    if (n == 0) {
      clearWindow();
      return NOTHING;
    }
    int[] peers = new int[n];
    int[] topTarget = new int[n];
    long[] packetsToTop = new long[n];
    Arrays.fill(topTarget, -1);
    peerPairs.forEach(
        (key, sent) -> {
          int s = (int) (key >>> 32) - 1;
          peers[s]++;
          if (sent > packetsToTop[s]) {
            packetsToTop[s] = sent;
            topTarget[s] = (int) (key & 0xFFFFFFFFL) - 1;
          }
        });

    int[] connOut = new int[n];
    int[] connIn = new int[n];
    int[] failedOut = new int[n];
    LongIntMap portsOut = new LongIntMap(Math.max(16, connections.size()));
    LongIntMap failedPortsPerVictim = new LongIntMap(64);
    LongIntMap failedVictimsPerPort = new LongIntMap(64);
    connections.forEach(
        (key, state) -> {
          if ((state & ATTEMPTED) == 0) {
            return;
          }
          int s = keySrc(key);
          int d = keyDst(key);
          connOut[s]++;
          connIn[d]++;
          portsOut.orBits(((long) (s + 1) << 32) | (keyPort(key) + 1), 1);
          if (keyTcp(key) && (state & ANSWERED) == 0) {
            failedOut[s]++;
            failedPortsPerVictim.add(pairKey(s, d), 1);
            failedVictimsPerPort.add(((long) (s + 1) << 32) | (keyPort(key) + 1), 1);
          }
        });
    int[] distinctPorts = new int[n];
    portsOut.forEach((key, v) -> distinctPorts[(int) (key >>> 32) - 1]++);

    int[] topVictimPorts = new int[n];
    int[] topVictim = new int[n];
    Arrays.fill(topVictim, -1);
    failedPortsPerVictim.forEach(
        (key, count) -> {
          int s = (int) (key >>> 32) - 1;
          if (count > topVictimPorts[s]) {
            topVictimPorts[s] = count;
            topVictim[s] = (int) (key & 0xFFFFFFFFL) - 1;
          }
        });
    int[] topPortVictims = new int[n];
    int[] topPort = new int[n];
    Arrays.fill(topPort, -1);
    failedVictimsPerPort.forEach(
        (key, count) -> {
          int s = (int) (key >>> 32) - 1;
          if (count > topPortVictims[s]) {
            topPortVictims[s] = count;
            topPort[s] = (int) (key & 0xFFFFFFFFL) - 1;
          }
        });

    List<HostWindow> out = new ArrayList<>(n);
    for (int h = 0; h < n; h++) {
      if (packetsIn[h] == 0 && packetsOut[h] == 0 && !flows.has(h)) {
        continue; // interned for a packet that overflowed: no traffic to report or learn
      }
      ScanEvidence scan = ScanEvidence.NONE;
      if (topVictimPorts[h] > 1 || topPortVictims[h] > 1) {
        String victim = topVictim[h] < 0 ? "" : format(topVictim[h]);
        scan =
            new ScanEvidence(
                topVictimPorts[h],
                victim,
                samplePorts(h, topVictim[h]),
                topPortVictims[h],
                topPort[h]);
      }
      out.add(
          new HostWindow(
              site,
              segment,
              format(h),
              windowStart,
              settings.windowMillis(),
              packetsIn[h],
              packetsOut[h],
              bytesIn[h],
              bytesOut[h],
              connOut[h],
              connIn[h],
              failedOut[h],
              peers[h],
              distinctPorts[h],
              malformed[h],
              scan,
              lastMalformation[h] == 0 ? "" : Malformation.values()[lastMalformation[h] - 1].id(),
              flows.of(h),
              flows.omitted(h),
              shapeOf(h),
              topTarget[h] < 0
                  ? FloodEvidence.NONE
                  : new FloodEvidence(
                      format(topTarget[h]),
                      packetsToTop[h],
                      peerPairs.get(pairKey(topTarget[h], h), 0))));
    }
    counters.hostWindows += out.size();
    clearWindow();
    return out;
  }

  private PacketShape shapeOf(int h) {
    double sizeSd = 0;
    if (packetsOut[h] > 1) {
      double mean = (double) bytesOut[h] / packetsOut[h];
      sizeSd = Math.sqrt(Math.max(0, sizeSquares[h] / packetsOut[h] - mean * mean));
    }
    double gapMean = 0;
    double gapSd = 0;
    if (gaps[h] > 0) {
      gapMean = gapSum[h] / gaps[h];
      gapSd = Math.sqrt(Math.max(0, gapSquares[h] / gaps[h] - gapMean * gapMean));
    }
    return new PacketShape(sizeSd, gapMean, gapSd);
  }

  private List<Integer> samplePorts(int src, int victim) {
    if (victim < 0) {
      return List.of();
    }
    List<Integer> ports = new ArrayList<>();
    connections.forEach(
        (key, state) -> {
          if (keySrc(key) == src
              && keyDst(key) == victim
              && keyTcp(key)
              && (state & ANSWERED) == 0
              && (state & ATTEMPTED) != 0) {
            ports.add(keyPort(key));
          }
        });
    ports.sort(null);
    return ports.size() > SAMPLE_PORTS ? ports.subList(0, SAMPLE_PORTS) : ports;
  }

  private String format(int index) {
    return IpAddresses.format(hosts.hi(index), hosts.lo(index));
  }

  private void clearWindow() {
    int n = hosts.size();
    Arrays.fill(packetsIn, 0, n, 0L);
    Arrays.fill(packetsOut, 0, n, 0L);
    Arrays.fill(bytesIn, 0, n, 0L);
    Arrays.fill(bytesOut, 0, n, 0L);
    Arrays.fill(malformed, 0, n, 0);
    Arrays.fill(lastMalformation, 0, n, 0);
    Arrays.fill(sizeSquares, 0, n, 0);
    Arrays.fill(lastSentNanos, 0, n, 0L);
    Arrays.fill(gaps, 0, n, 0);
    Arrays.fill(gapSum, 0, n, 0);
    Arrays.fill(gapSquares, 0, n, 0);
    flows.clear();
    hosts.clear();
    peerPairs.clear();
    connections.clear();
  }
}
