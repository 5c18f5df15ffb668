package io.watchfloor.protocol.host;

import io.watchfloor.protocol.CborSerializable;
import java.util.List;

/**
 * What one segment saw of one host during one time window: the only thing capture sends to a host
 * entity, so packets never travel between actors one by one.
 *
 * <p>"Out" is traffic the host sent, "in" traffic it received. A connection attempt is a TCP SYN
 * (or the first UDP/ICMP packet) towards a distinct (peer, port); it failed when no SYN-ACK came back
 * within the window.
 *
 * @param windowStartMillis start of the window, epoch milliseconds of the capture clock
 * @param windowMillis window length
 * @param scan the widest fan-out of failed attempts this host made in the window
 * @param topMalformation id of the malformation last seen in the host's packets, or ""
 * @param flows flows the host started that ended (or were reported) in this window, up to a bound
 * @param flowsOmitted flows beyond that bound, counted only
 * @param payloadMatches what payload inspection found in the host's packets (sensitive data,
 *     signatures), redacted and bounded
 */
public record HostWindow(
    String site,
    String segment,
    String host,
    long windowStartMillis,
    long windowMillis,
    long packetsIn,
    long packetsOut,
    long bytesIn,
    long bytesOut,
    int connectionsOut,
    int connectionsIn,
    int failedConnectionsOut,
    int distinctPeers,
    int distinctPortsOut,
    int malformedPackets,
    ScanEvidence scan,
    String topMalformation,
    List<FlowSummary> flows,
    int flowsOmitted,
    PacketShape shape,
    FloodEvidence flood,
    PayloadMatches payloadMatches)
    implements CborSerializable {

  public HostWindow {
    if (scan == null) {
      scan = ScanEvidence.NONE;
    }
    if (shape == null) {
      shape = PacketShape.NONE;
    }
    if (flood == null) {
      flood = FloodEvidence.NONE;
    }
    topMalformation = topMalformation == null ? "" : topMalformation;
    flows = flows == null ? List.of() : List.copyOf(flows);
    payloadMatches = payloadMatches == null ? PayloadMatches.NONE : payloadMatches;
  }

  /** A window without payload matches. */
  public HostWindow(
      String site,
      String segment,
      String host,
      long windowStartMillis,
      long windowMillis,
      long packetsIn,
      long packetsOut,
      long bytesIn,
      long bytesOut,
      int connectionsOut,
      int connectionsIn,
      int failedConnectionsOut,
      int distinctPeers,
      int distinctPortsOut,
      int malformedPackets,
      ScanEvidence scan,
      String topMalformation,
      List<FlowSummary> flows,
      int flowsOmitted) {
    this(site, segment, host, windowStartMillis, windowMillis, packetsIn, packetsOut, bytesIn, bytesOut,
        connectionsOut, connectionsIn, failedConnectionsOut, distinctPeers, distinctPortsOut,
        malformedPackets, scan, topMalformation, flows, flowsOmitted, PacketShape.NONE, FloodEvidence.NONE,
        PayloadMatches.NONE);
  }

  /** A window with packet shape and flood evidence, without payload matches. */
  public HostWindow(
      String site,
      String segment,
      String host,
      long windowStartMillis,
      long windowMillis,
      long packetsIn,
      long packetsOut,
      long bytesIn,
      long bytesOut,
      int connectionsOut,
      int connectionsIn,
      int failedConnectionsOut,
      int distinctPeers,
      int distinctPortsOut,
      int malformedPackets,
      ScanEvidence scan,
      String topMalformation,
      List<FlowSummary> flows,
      int flowsOmitted,
      PacketShape shape,
      FloodEvidence flood) {
    this(site, segment, host, windowStartMillis, windowMillis, packetsIn, packetsOut, bytesIn, bytesOut,
        connectionsOut, connectionsIn, failedConnectionsOut, distinctPeers, distinctPortsOut,
        malformedPackets, scan, topMalformation, flows, flowsOmitted, shape, flood, PayloadMatches.NONE);
  }

  /** A window without flow summaries (packet counters only). */
  public HostWindow(
      String site,
      String segment,
      String host,
      long windowStartMillis,
      long windowMillis,
      long packetsIn,
      long packetsOut,
      long bytesIn,
      long bytesOut,
      int connectionsOut,
      int connectionsIn,
      int failedConnectionsOut,
      int distinctPeers,
      int distinctPortsOut,
      int malformedPackets,
      ScanEvidence scan) {
    this(site, segment, host, windowStartMillis, windowMillis, packetsIn, packetsOut, bytesIn, bytesOut,
        connectionsOut, connectionsIn, failedConnectionsOut, distinctPeers, distinctPortsOut,
        malformedPackets, scan, "", List.of(), 0, PacketShape.NONE, FloodEvidence.NONE, PayloadMatches.NONE);
  }

  /** This window with {@code matches} as its payload matches. */
  public HostWindow withPayloadMatches(PayloadMatches matches) {
    return new HostWindow(site, segment, host, windowStartMillis, windowMillis, packetsIn, packetsOut,
        bytesIn, bytesOut, connectionsOut, connectionsIn, failedConnectionsOut, distinctPeers,
        distinctPortsOut, malformedPackets, scan, topMalformation, flows, flowsOmitted, shape, flood, matches);
  }

  public long windowEndMillis() {
    return windowStartMillis + windowMillis;
  }

  /** Entity id of the host this window belongs to. */
  public String hostKey() {
    return HostKey.of(site, host);
  }

  /**
   * @param portsOnTopVictim distinct destination ports of failed attempts on the most-probed victim
   * @param topVictim that victim's address, or "" when none
   * @param samplePorts up to 20 of those ports, ascending
   * @param victimsOnTopPort distinct victims of failed attempts on the most-swept port
   * @param topPort that port, or -1
   */
  public record ScanEvidence(
      int portsOnTopVictim,
      String topVictim,
      List<Integer> samplePorts,
      int victimsOnTopPort,
      int topPort)
      implements CborSerializable {

    public static final ScanEvidence NONE = new ScanEvidence(0, "", List.of(), 0, -1);

    public ScanEvidence {
      samplePorts = List.copyOf(samplePorts);
    }
  }

  /**
   * The shape of the packets a host sent in the window: size spread and the gaps between them.
   *
   * @param sizeSd standard deviation of the sent packets' wire lengths, bytes
   * @param gapMeanMillis mean time between two consecutive sent packets, milliseconds
   * @param gapSdMillis standard deviation of that time, milliseconds
   */
  public record PacketShape(double sizeSd, double gapMeanMillis, double gapSdMillis)
      implements CborSerializable {

    public static final PacketShape NONE = new PacketShape(0, 0, 0);
  }

  /**
   * The peer a host sent the most packets to in the window, and how much came back: a flood sends
   * many packets and gets few or no answers.
   *
   * @param target that peer's address, or "" when the host sent nothing
   * @param packetsToTarget packets the host sent to it
   * @param packetsFromTarget packets it sent back to the host
   */
  public record FloodEvidence(String target, long packetsToTarget, long packetsFromTarget)
      implements CborSerializable {

    public static final FloodEvidence NONE = new FloodEvidence("", 0, 0);

    public FloodEvidence {
      target = target == null ? "" : target;
    }
  }
}
