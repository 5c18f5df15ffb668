package io.watchfloor.models.detect;

import io.watchfloor.models.baseline.BaselineView;
import io.watchfloor.protocol.alert.Severity;
import io.watchfloor.protocol.host.HostWindow;
import io.watchfloor.protocol.host.HostWindow.ScanEvidence;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A vertical scan (failed connection attempts to many ports of one victim) or a horizontal sweep
 * (one port on many victims). Thresholds follow Zeek's scan policy defaults: 15 ports, 25 victims.
 */
public final class PortScanDetector implements HostDetector {
  public static final String ID = "port_scan";
  private static final int HIGH_SEVERITY_FACTOR = 5;

  private final int minPortsPerVictim;
  private final int minVictimsPerPort;

  public PortScanDetector(int minPortsPerVictim, int minVictimsPerPort) {
    if (minPortsPerVictim < 2 || minVictimsPerPort < 2) {
      throw new IllegalArgumentException(
          "watchfloor.models.detectors.port-scan thresholds must be at least 2, were "
              + minPortsPerVictim
              + " ports and "
              + minVictimsPerPort
              + " victims");
    }
    this.minPortsPerVictim = minPortsPerVictim;
    this.minVictimsPerPort = minVictimsPerPort;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Optional<Finding> inspect(HostWindow window, BaselineView baseline, double[] values) {
    ScanEvidence scan = window.scan();
    double vertical = scan.portsOnTopVictim() / (double) minPortsPerVictim;
    double horizontal = scan.victimsOnTopPort() / (double) minVictimsPerPort;
    if (vertical < 1 && horizontal < 1) {
      return Optional.empty();
    }
    double score = Math.max(vertical, horizontal);
    Severity severity = score >= HIGH_SEVERITY_FACTOR ? Severity.HIGH : Severity.MEDIUM;
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("failed_connections", Integer.toString(window.failedConnectionsOut()));
    evidence.put("distinct_ports", Integer.toString(window.distinctPortsOut()));
    evidence.put("distinct_peers", Integer.toString(window.distinctPeers()));
    if (vertical >= horizontal) {
      evidence.put("victim", scan.topVictim());
      evidence.put("ports_on_victim", Integer.toString(scan.portsOnTopVictim()));
      evidence.put(
          "sample_ports",
          scan.samplePorts().stream().map(String::valueOf).collect(Collectors.joining(",")));
      String summary =
          String.format(
              "%s made failed connection attempts to %d ports of %s in %d s (threshold %d)",
              window.host(),
              scan.portsOnTopVictim(),
              scan.topVictim(),
              window.windowMillis() / 1000,
              minPortsPerVictim);
      return Optional.of(
          new Finding(ID, "reconnaissance", severity, score, scan.topVictim(), null, "tcp", summary, evidence));
    }
    evidence.put("port", Integer.toString(scan.topPort()));
    evidence.put("victims_on_port", Integer.toString(scan.victimsOnTopPort()));
    String summary =
        String.format(
            "%s swept port %d on %d hosts with failed connection attempts in %d s (threshold %d)",
            window.host(),
            scan.topPort(),
            scan.victimsOnTopPort(),
            window.windowMillis() / 1000,
            minVictimsPerPort);
    return Optional.of(
        new Finding(ID, "reconnaissance", severity, score, null, scan.topPort(), "tcp", summary, evidence));
  }
}
