package io.watchfloor.models.detect;

import io.watchfloor.models.baseline.BaselineView;
import io.watchfloor.models.inspect.ServicePolicy;
import io.watchfloor.protocol.alert.Severity;
import io.watchfloor.protocol.app.AppProtocol;
import io.watchfloor.protocol.host.FlowSummary;
import io.watchfloor.protocol.host.HostWindow;
import io.watchfloor.protocol.ip.IpAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Connections the host started to a service the approved-services policy does not allow for this
 * client and server. The service is judged by port and by the protocol the payload revealed, so TLS
 * on an allowed HTTP port, or SSH on 443, is outside policy too. Only connections the server
 * answered count: an unanswered attempt used no service.
 */
public final class UnapprovedServiceDetector implements HostDetector {
  public static final String ID = "unapproved_service";
  private static final int EXAMPLES = 5;

  private final ServicePolicy policy;

  public UnapprovedServiceDetector(ServicePolicy policy) {
    this.policy = policy;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Optional<Finding> inspect(HostWindow window, BaselineView baseline, double[] values) {
    if (window.flows().isEmpty()) {
      return Optional.empty();
    }
    IpAddress client;
    try {
      client = IpAddress.parse(window.host());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    List<FlowSummary> outside = new ArrayList<>();
    for (FlowSummary f : window.flows()) {
      if (!answered(f)) {
        continue;
      }
      IpAddress server;
      try {
        server = IpAddress.parse(f.peer());
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (policy.violates(client, server, f.peerPort(), AppProtocol.ofId(f.protocol()))) {
        outside.add(f);
      }
    }
    if (outside.isEmpty()) {
      return Optional.empty();
    }
    FlowSummary first = outside.get(0);
    List<String> examples = new ArrayList<>();
    for (FlowSummary f : outside.subList(0, Math.min(EXAMPLES, outside.size()))) {
      examples.add(f.peer() + ":" + f.peerPort() + "/" + f.transport() + "/" + protocol(f));
    }
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("connections", Integer.toString(outside.size()));
    evidence.put("services", String.join(", ", examples));
    evidence.put("network.protocol", protocol(first));
    String summary = String.format("%s used %d service(s) outside policy, e.g. %s:%d (%s)",
        window.host(), outside.size(), first.peer(), first.peerPort(), protocol(first));
    return Optional.of(new Finding(ID, "policy_violation", Severity.MEDIUM, outside.size(), first.peer(),
        first.peerPort(), first.transport(), summary, evidence));
  }

  private static boolean answered(FlowSummary f) {
    if (f.packetsIn() == 0) {
      return false;
    }
    return f.state() == null || !(f.state().equals("attempted") || f.state().equals("rejected"));
  }

  private static String protocol(FlowSummary f) {
    return f.protocol() == null ? "unknown" : f.protocol();
  }
}
