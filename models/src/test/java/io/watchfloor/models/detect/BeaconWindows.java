package io.watchfloor.models.detect;

import io.watchfloor.models.baseline.BaselineSettings;
import io.watchfloor.models.baseline.HostBaseline;
import io.watchfloor.models.baseline.HostFeature;
import io.watchfloor.protocol.host.FlowSummary;
import io.watchfloor.protocol.host.HostWindow;
import java.util.List;
import java.util.Optional;

/** Hand-built host windows and flows for the beaconing, lateral-movement and exfiltration tests. */
final class BeaconWindows {
  static final String HOST = "10.1.2.3";
  static final long T0 = 1_700_000_000_000L;
  static final long WINDOW = 10_000;
  static final BaselineSettings BASELINE = new BaselineSettings(30, 0.05, 0.35);

  private BeaconWindows() {}

  static FlowSummary tcp(String peer, int port, int localPort, long startMillis, long bytesOut, long bytesIn) {
    return new FlowSummary(peer, port, localPort, "tcp", null, startMillis, startMillis + 100, 10, bytesOut, 10,
        bytesIn, "closed", null);
  }

  static FlowSummary withProtocol(FlowSummary f, String protocol) {
    return new FlowSummary(f.peer(), f.peerPort(), f.localPort(), f.transport(), protocol, f.startMillis(),
        f.endMillis(), f.packetsOut(), f.bytesOut(), f.packetsIn(), f.bytesIn(), f.state(), f.metadata());
  }

  /** Window number {@code index} of {@code host}, carrying {@code flows}. */
  static HostWindow window(String host, int index, List<FlowSummary> flows) {
    long out = flows.stream().mapToLong(FlowSummary::bytesOut).sum();
    long in = flows.stream().mapToLong(FlowSummary::bytesIn).sum();
    return new HostWindow("local", "s", host, T0 + index * WINDOW, WINDOW, 10, 10, in, out, flows.size(), 0, 0,
        flows.size(), flows.size(), 0, null, "", flows, 0, null, null);
  }

  static HostWindow window(int index, List<FlowSummary> flows) {
    return window(HOST, index, flows);
  }

  static Optional<Finding> inspect(HostDetector d, HostWindow w) {
    return d.inspect(w, new HostBaseline(BASELINE), HostFeature.vectorOf(w));
  }

  static Optional<Finding> inspect(HostDetector d, HostWindow w, HostBaseline b) {
    return d.inspect(w, b, HostFeature.vectorOf(w));
  }
}
