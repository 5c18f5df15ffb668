package io.watchfloor.models.detect;

import io.watchfloor.models.baseline.BaselineSettings;
import io.watchfloor.models.baseline.HostBaseline;
import io.watchfloor.models.baseline.HostFeature;
import io.watchfloor.protocol.host.FlowSummary;
import io.watchfloor.protocol.host.HostWindow;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Hand-built host windows and flows for the detector unit tests. */
final class DetectorFixtures {
  static final String HOST = "10.1.2.3";
  static final long T0 = 1_700_000_000_000L;

  private DetectorFixtures() {}

  static HostBaseline coldBaseline() {
    return new HostBaseline(new BaselineSettings(30, 0.05, 0.35));
  }

  static Optional<Finding> inspect(HostDetector d, HostWindow w) {
    return d.inspect(w, coldBaseline(), HostFeature.vectorOf(w));
  }

  static HostWindow withFlows(List<FlowSummary> flows) {
    return new HostWindow(
        "local", "s", HOST, T0, 10_000, 10, 10, 1_000, 1_000, flows.size(), 0, 0, 1, 1, 0, null, "",
        flows, 0, null, null);
  }

  static HostWindow withMalformed(int count, String kind) {
    return new HostWindow(
        "local", "s", HOST, T0, 10_000, 0, count, 0, 60L * count, 0, 0, 0, 1, 0, count, null, kind,
        List.of(), 0, null, null);
  }

  static FlowSummary tcp(String peer, int peerPort, int localPort, String protocol, Map<String, String> md) {
    return new FlowSummary(
        peer, peerPort, localPort, "tcp", protocol, T0, T0 + 1_000, 10, 1_000, 10, 1_000, "closed", md);
  }

  static FlowSummary tcp(int peerPort, String protocol) {
    return tcp("10.9.9.9", peerPort, 50_000, protocol, Map.of());
  }

  static FlowSummary dns(String name, String type, long queries, Integer txtBytes) {
    return dns(name, type, queries, txtBytes, 53);
  }

  static FlowSummary dns(String name, String type, long queries, Integer txtBytes, int port) {
    Map<String, String> md =
        txtBytes == null
            ? Map.of("dns.question.name", name, "dns.question.type", type, "dns.type", "query")
            : Map.of(
                "dns.question.name", name,
                "dns.question.type", type,
                "dns.type", "query",
                "watchfloor.dns.txt_bytes", Integer.toString(txtBytes));
    return new FlowSummary(
        "10.0.0.53", port, 40_000, "udp", "dns", T0, T0 + 100, queries, 60 * queries, queries,
        100 * queries, null, md);
  }
}
