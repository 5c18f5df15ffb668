package io.watchfloor.models.detect;

import io.watchfloor.models.baseline.BaselineView;
import io.watchfloor.protocol.app.AppMetadata;
import io.watchfloor.protocol.app.AppProtocol;
import io.watchfloor.protocol.alert.Severity;
import io.watchfloor.protocol.host.FlowSummary;
import io.watchfloor.protocol.host.HostWindow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A flow whose payload protocol is not what its destination port carries (MITRE ATT&CK T1571,
 * non-standard port): SSH to port 80, FTP to 443. Three rules, checked per flow the host started:
 *
 * <ol>
 *   <li><b>well-known port, other protocol</b>: the port is in {@link #WELL_KNOWN} and the payload
 *       is a protocol the table does not list for it;
 *   <li><b>interactive protocol away from home</b>: SSH, FTP, Telnet or RDP on a port the table does
 *       not know (remote control tunnelled through an odd port);
 *   <li><b>HTTP on a backdoor port</b>: HTTP to a port reverse shells and RATs favour (4444, 31337 ...).
 * </ol>
 *
 * <p>Flows without a recognised payload protocol never count: the guesser names a protocol only from
 * the bytes, so "unknown" says nothing. A flow whose <em>local</em> port is the observed protocol's
 * own port is the server's half seen first (capture started mid-connection) and is skipped. Sites
 * add their own normal pairs ("2222/ssh") through {@code allowed}.
 */
public final class PortProtocolMismatchDetector implements HostDetector {
  public static final String ID = "port_protocol_mismatch";
  private static final String CATEGORY = "command_and_control";
  private static final int SAMPLE_FLOWS = 3;

  /**
   * Well-known ports and the payload protocols that belong there. Database and cache ports list
   * only TLS: their own protocols are not ones the payload guesser names, and TLS is how they are
   * legitimately wrapped, so any other recognised protocol (HTTP, SSH ...) there is a mismatch.
   * 8000/8008/8080/8088 also accept TLS (application servers often serve HTTPS there); 3389 accepts
   * TLS because a capture that misses the X.224 request sees the TLS handshake first.
   */
  static final Map<Integer, Set<AppProtocol>> WELL_KNOWN = wellKnown();

  /** Remote-control protocols, flagged on any port the table does not know. */
  static final Set<AppProtocol> INTERACTIVE =
      EnumSet.of(AppProtocol.SSH, AppProtocol.FTP, AppProtocol.TELNET, AppProtocol.RDP);

  /** Metadata worth showing next to a mismatch (banner, names). */
  private static final List<String> CONTEXT_KEYS =
      List.of(
          AppMetadata.SSH_BANNER,
          AppMetadata.TLS_CLIENT_SERVER_NAME,
          AppMetadata.URL_DOMAIN,
          AppMetadata.URL_ORIGINAL,
          AppMetadata.HTTP_REQUEST_METHOD,
          AppMetadata.DNS_QUESTION_NAME);

  private final Map<Integer, Set<AppProtocol>> allowed;
  private final Set<Integer> backdoorPorts;

  /**
   * @param allowed extra "port/protocol" pairs this site considers normal, e.g. "2222/ssh"
   * @param backdoorPorts ports where HTTP is suspicious
   */
  public PortProtocolMismatchDetector(Collection<String> allowed, Collection<Integer> backdoorPorts) {
    this.allowed = parseAllowed(allowed);
    for (int port : backdoorPorts) {
      checkPort(port, "backdoor-ports");
    }
    this.backdoorPorts = Set.copyOf(backdoorPorts);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Optional<Finding> inspect(HostWindow window, BaselineView baseline, double[] values) {
    List<Mismatch> found = new ArrayList<>(2);
    for (FlowSummary f : window.flows()) {
      Mismatch m = judge(f);
      if (m != null) {
        found.add(m);
      }
    }
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Mismatch worst = found.get(0);
    for (Mismatch m : found) {
      if (m.severity().compareTo(worst.severity()) > 0) {
        worst = m;
      }
    }
    FlowSummary f = worst.flow();
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("peer", f.peer());
    evidence.put("port", Integer.toString(f.peerPort()));
    evidence.put("transport", f.transport());
    evidence.put("observed_protocol", f.protocol());
    evidence.put("expected_protocol", worst.expected());
    evidence.put("rule", worst.rule());
    evidence.put("mismatched_flows", Integer.toString(found.size()));
    for (String key : CONTEXT_KEYS) {
      String v = f.metadata().get(key);
      if (v != null && !v.isEmpty()) {
        evidence.put(key, v);
      }
    }
    if (found.size() > 1) {
      evidence.put(
          "sample_flows",
          found.stream()
              .limit(SAMPLE_FLOWS)
              .map(m -> m.flow().protocol() + " to " + m.flow().peer() + ":" + m.flow().peerPort())
              .collect(Collectors.joining(", ")));
    }
    String summary =
        String.format(
            "%s spoke %s to %s:%d/%s, a port that carries %s%s",
            window.host(),
            f.protocol(),
            f.peer(),
            f.peerPort(),
            f.transport(),
            worst.expected(),
            found.size() > 1 ? " (" + found.size() + " such flows in the window)" : "");
    return Optional.of(
        new Finding(
            ID, CATEGORY, worst.severity(), found.size(), f.peer(), f.peerPort(), f.transport(), summary,
            evidence));
  }

  /** The mismatch one flow shows, or null. */
  Mismatch judge(FlowSummary f) {
    AppProtocol observed = AppProtocol.ofId(f.protocol());
    if (observed == AppProtocol.UNKNOWN || isAllowed(f.peerPort(), observed)) {
      return null;
    }
    if (isOwnPort(f.localPort(), observed)) {
      return null; // the server's side was seen first: the host answered on its own service port
    }
    Set<AppProtocol> expected = WELL_KNOWN.get(f.peerPort());
    if (expected != null) {
      if (expected.contains(observed)) {
        return null;
      }
      Severity s = INTERACTIVE.contains(observed) ? Severity.HIGH : Severity.MEDIUM;
      return new Mismatch(f, ids(expected, f.transport()), "unexpected_protocol_on_well_known_port", s);
    }
    if (INTERACTIVE.contains(observed)) {
      return new Mismatch(
          f, "unassigned (" + observed.id() + " belongs on " + ownPorts(observed) + ")",
          "interactive_protocol_on_foreign_port", Severity.HIGH);
    }
    if (observed == AppProtocol.HTTP && backdoorPorts.contains(f.peerPort())) {
      return new Mismatch(f, "a backdoor or reverse shell", "http_on_backdoor_port", Severity.HIGH);
    }
    return null;
  }

  private boolean isAllowed(int port, AppProtocol p) {
    Set<AppProtocol> extra = allowed.get(port);
    return extra != null && extra.contains(p);
  }

  private boolean isOwnPort(int port, AppProtocol p) {
    Set<AppProtocol> home = WELL_KNOWN.get(port);
    return (home != null && home.contains(p)) || isAllowed(port, p);
  }

  private static String ownPorts(AppProtocol p) {
    return WELL_KNOWN.entrySet().stream()
        .filter(e -> e.getValue().contains(p))
        .map(e -> Integer.toString(e.getKey()))
        .sorted()
        .collect(Collectors.joining(","));
  }

  /** The expected protocols, without QUIC on TCP (it only runs over UDP). */
  private static String ids(Set<AppProtocol> protocols, String transport) {
    return protocols.stream()
        .filter(p -> p != AppProtocol.QUIC || !"tcp".equals(transport))
        .map(AppProtocol::id)
        .sorted()
        .collect(Collectors.joining(" or "));
  }

  private static Map<Integer, Set<AppProtocol>> parseAllowed(Collection<String> pairs) {
    Map<Integer, Set<AppProtocol>> out = new HashMap<>();
    for (String pair : pairs) {
      String[] parts = pair.split("/", -1);
      int port;
      try {
        port = parts.length == 2 ? Integer.parseInt(parts[0].trim()) : -1;
      } catch (NumberFormatException e) {
        port = -1;
      }
      AppProtocol p = parts.length == 2 ? AppProtocol.ofId(parts[1].trim()) : AppProtocol.UNKNOWN;
      if (port < 1 || port > 65535 || p == AppProtocol.UNKNOWN) {
        throw new IllegalArgumentException(
            "watchfloor.models.detectors.port-protocol-mismatch.allowed entries must look like"
                + " \"2222/ssh\" (port 1-65535, protocol one of "
                + EnumSet.complementOf(EnumSet.of(AppProtocol.UNKNOWN)).stream()
                    .map(AppProtocol::id)
                    .collect(Collectors.joining(","))
                + "), was \""
                + pair
                + "\"");
      }
      out.computeIfAbsent(port, k -> EnumSet.noneOf(AppProtocol.class)).add(p);
    }
    Map<Integer, Set<AppProtocol>> frozen = new HashMap<>();
    out.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
    return Map.copyOf(frozen);
  }

  private static void checkPort(int port, String key) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "watchfloor.models.detectors.port-protocol-mismatch." + key + " must hold ports 1-65535, had " + port);
    }
  }

  private static Map<Integer, Set<AppProtocol>> wellKnown() {
    Map<Integer, Set<AppProtocol>> m = new HashMap<>();
    put(m, Set.of(AppProtocol.HTTP), 80);
    put(m, Set.of(AppProtocol.HTTP, AppProtocol.TLS), 8000, 8008, 8080, 8088);
    put(m, Set.of(AppProtocol.TLS, AppProtocol.QUIC), 443);
    put(m, Set.of(AppProtocol.TLS), 8443, 465, 993, 995, 636, 853, 1433, 1521, 3306, 5432, 6379, 27017);
    put(m, Set.of(AppProtocol.SSH), 22);
    put(m, Set.of(AppProtocol.FTP), 21);
    put(m, Set.of(AppProtocol.TELNET), 23);
    put(m, Set.of(AppProtocol.SMTP), 25, 587, 2525);
    put(m, Set.of(AppProtocol.POP3), 110);
    put(m, Set.of(AppProtocol.IMAP), 143);
    // NBNS (137) and LLMNR (5355) use the DNS message format, mDNS (5353) is DNS.
    put(m, Set.of(AppProtocol.DNS), 53, 137, 5353, 5355);
    put(m, Set.of(AppProtocol.SMB), 139, 445);
    put(m, Set.of(AppProtocol.RDP, AppProtocol.TLS), 3389);
    put(m, Set.of(AppProtocol.NTP), 123);
    put(m, Set.of(AppProtocol.DHCP), 67, 68);
    put(m, Set.of(AppProtocol.SIP), 5060);
    return Map.copyOf(m);
  }

  private static void put(Map<Integer, Set<AppProtocol>> m, Set<AppProtocol> protocols, int... ports) {
    for (int port : ports) {
      m.put(port, protocols);
    }
  }

  /** One flow's mismatch: which rule, what the port should carry, how bad. */
  record Mismatch(FlowSummary flow, String expected, String rule, Severity severity) {}
}
