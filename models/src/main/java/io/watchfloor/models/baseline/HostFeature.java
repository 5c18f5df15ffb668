package io.watchfloor.models.baseline;

import io.watchfloor.protocol.app.AppMetadata;
import io.watchfloor.protocol.host.FlowSummary;
import io.watchfloor.protocol.host.HostWindow;
import java.util.HashSet;
import java.util.Set;
import java.util.function.ToDoubleBiFunction;

/**
 * The features a host's baseline tracks per window, with the smallest absolute excess over the
 * usual value that can make a deviation worth an alert (a host going from 2 to 40 packets is not).
 *
 * <p>Volume features ({@code flaggable}) may raise {@code baseline_deviation} when far above the
 * usual. Shape features (packet size spread, gaps between packets) describe how a host talks; they
 * feed the neural scorer and the explanations, but "more than usual" is no alarm on its own.
 */
public enum HostFeature {
  PACKETS_IN("packets_in", (w, n) -> w.packetsIn(), 2_000, true),
  PACKETS_OUT("packets_out", (w, n) -> w.packetsOut(), 2_000, true),
  BYTES_IN("bytes_in", (w, n) -> w.bytesIn(), 2_000_000, true),
  BYTES_OUT("bytes_out", (w, n) -> w.bytesOut(), 2_000_000, true),
  CONNECTIONS_OUT("connections_out", (w, n) -> w.connectionsOut(), 100, true),
  CONNECTIONS_IN("connections_in", (w, n) -> w.connectionsIn(), 100, true),
  FAILED_CONNECTIONS_OUT("failed_connections_out", (w, n) -> w.failedConnectionsOut(), 50, true),
  DISTINCT_PEERS("distinct_peers", (w, n) -> w.distinctPeers(), 50, true),
  DISTINCT_PORTS_OUT("distinct_ports_out", (w, n) -> w.distinctPortsOut(), 50, true),
  DNS_QUERIES("dns_queries", (w, n) -> dnsQueries(w), 200, true),
  DNS_UNIQUE_NAMES("dns_unique_names", (w, n) -> dnsUniqueNames(w), 100, true),
  NEW_PEERS("new_peers", (w, n) -> n.newPeers(), 25, true),
  NEW_PORTS("new_ports", (w, n) -> n.newPorts(), 15, true),
  MEAN_PACKET_SIZE("mean_packet_size", (w, n) -> meanPacketSize(w), 600, false),
  PACKET_SIZE_SD("packet_size_sd", (w, n) -> w.shape().sizeSd(), 600, false),
  MEAN_GAP_MS("mean_gap_ms", (w, n) -> w.shape().gapMeanMillis(), 5_000, false),
  GAP_SD_MS("gap_sd_ms", (w, n) -> w.shape().gapSdMillis(), 5_000, false);

  private static final HostFeature[] ALL = values();

  private final String id;
  private final ToDoubleBiFunction<HostWindow, Novelty> extractor;
  private final double minExcess;
  private final boolean flaggable;

  HostFeature(
      String id,
      ToDoubleBiFunction<HostWindow, Novelty> extractor,
      double minExcess,
      boolean flaggable) {
    this.id = id;
    this.extractor = extractor;
    this.minExcess = minExcess;
    this.flaggable = flaggable;
  }

  public String id() {
    return id;
  }

  public double minExcess() {
    return minExcess;
  }

  /** Whether a value far above the usual may raise {@code baseline_deviation} on its own. */
  public boolean flaggable() {
    return flaggable;
  }

  public double valueOf(HostWindow w, Novelty novelty) {
    return extractor.applyAsDouble(w, novelty);
  }

  public static int count() {
    return ALL.length;
  }

  public static HostFeature at(int i) {
    return ALL[i];
  }

  /** The window's features in this enum's order. */
  public static double[] vectorOf(HostWindow w, Novelty novelty) {
    double[] v = new double[ALL.length];
    for (int i = 0; i < ALL.length; i++) {
      v[i] = ALL[i].valueOf(w, novelty);
    }
    return v;
  }

  /** The window's features with no novelty (a host with no memory). */
  public static double[] vectorOf(HostWindow w) {
    return vectorOf(w, Novelty.NONE);
  }

  private static double meanPacketSize(HostWindow w) {
    long packets = w.packetsIn() + w.packetsOut();
    return packets == 0 ? 0 : (double) (w.bytesIn() + w.bytesOut()) / packets;
  }

  private static double dnsQueries(HostWindow w) {
    int n = 0;
    for (FlowSummary f : w.flows()) {
      if (f.metadata().containsKey(AppMetadata.DNS_QUESTION_NAME)) {
        n++;
      }
    }
    return n;
  }

  private static double dnsUniqueNames(HostWindow w) {
    Set<String> names = new HashSet<>();
    for (FlowSummary f : w.flows()) {
      String name = f.metadata().get(AppMetadata.DNS_QUESTION_NAME);
      if (name != null) {
        names.add(name);
      }
    }
    return names.size();
  }
}
