package io.watchfloor.models.baseline;

import io.watchfloor.protocol.host.HostWindow;
import java.util.function.ToDoubleFunction;

/**
 * The features a host's baseline tracks per window, with the smallest absolute excess over the
 * usual value that can make a deviation worth an alert (a host going from 2 to 40 packets is not).
 */
public enum HostFeature {
  PACKETS_IN("packets_in", w -> w.packetsIn(), 2_000),
  PACKETS_OUT("packets_out", w -> w.packetsOut(), 2_000),
  BYTES_IN("bytes_in", w -> w.bytesIn(), 2_000_000),
  BYTES_OUT("bytes_out", w -> w.bytesOut(), 2_000_000),
  CONNECTIONS_OUT("connections_out", w -> w.connectionsOut(), 100),
  CONNECTIONS_IN("connections_in", w -> w.connectionsIn(), 100),
  FAILED_CONNECTIONS_OUT("failed_connections_out", w -> w.failedConnectionsOut(), 50),
  DISTINCT_PEERS("distinct_peers", w -> w.distinctPeers(), 50),
  DISTINCT_PORTS_OUT("distinct_ports_out", w -> w.distinctPortsOut(), 50);

  private static final HostFeature[] ALL = values();

  private final String id;
  private final ToDoubleFunction<HostWindow> extractor;
  private final double minExcess;

  HostFeature(String id, ToDoubleFunction<HostWindow> extractor, double minExcess) {
    this.id = id;
    this.extractor = extractor;
    this.minExcess = minExcess;
  }

  public String id() {
    return id;
  }

  public double minExcess() {
    return minExcess;
  }

  public double valueOf(HostWindow w) {
    return extractor.applyAsDouble(w);
  }

  public static int count() {
    return ALL.length;
  }

  public static HostFeature at(int i) {
    return ALL[i];
  }

  public static double[] vectorOf(HostWindow w) {
    double[] v = new double[ALL.length];
    for (int i = 0; i < ALL.length; i++) {
      v[i] = ALL[i].valueOf(w);
    }
    return v;
  }
}
