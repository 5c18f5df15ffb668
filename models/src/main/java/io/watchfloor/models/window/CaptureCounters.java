package io.watchfloor.models.window;

import io.watchfloor.protocol.decode.Malformation;
import java.util.Map;

/**
 * What one segment's aggregator has seen so far. Written by the capture thread only; others read
 * {@link #snapshot()} copies.
 */
public final class CaptureCounters {
  long packets;
  long bytes;
  long malformed;
  long nonIp;
  long unattributed;
  long hostOverflow;
  long flows;
  long hosts;
  long windows;
  long hostWindows;
  private final long[] byMalformation = new long[Malformation.values().length];

  void countMalformation(Malformation m) {
    byMalformation[m.ordinal()]++;
  }

  public long packets() {
    return packets;
  }

  public long malformed() {
    return malformed;
  }

  public Snapshot snapshot() {
    Map<String, Long> kinds = new java.util.TreeMap<>();
    Malformation[] all = Malformation.values();
    for (int i = 0; i < all.length; i++) {
      if (byMalformation[i] > 0) {
        kinds.put(all[i].id(), byMalformation[i]);
      }
    }
    return new Snapshot(
        packets, bytes, malformed, kinds, nonIp, unattributed, hostOverflow, flows, hosts,
        windows, hostWindows);
  }

  /**
   * @param malformedByKind malformed packets per {@link Malformation#id()}
   * @param nonIp frames without an IP layer (ARP, LLDP ...)
   * @param unattributed IP packets with an unspecified address
   * @param hostOverflow packets not attributed because the window's host table was full
   * @param flows flows the segment's flow table created (packets), or flow records received (NetFlow)
   * @param hosts distinct addresses seen in the capture
   */
  public record Snapshot(
      long packets,
      long bytes,
      long malformed,
      Map<String, Long> malformedByKind,
      long nonIp,
      long unattributed,
      long hostOverflow,
      long flows,
      long hosts,
      long windows,
      long hostWindows) {

    public static final Snapshot EMPTY =
        new Snapshot(0, 0, 0, Map.of(), 0, 0, 0, 0, 0, 0, 0);

    public Snapshot {
      malformedByKind = Map.copyOf(malformedByKind);
    }
  }

}
