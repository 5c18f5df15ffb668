package io.watchfloor.node.cli;

import io.watchfloor.node.alert.AlertingSettings;
import io.watchfloor.node.alert.receiver.Receiver;
import io.watchfloor.node.alert.route.RoutePreview;
import io.watchfloor.protocol.alert.Anomaly;
import io.watchfloor.protocol.api.SegmentStatus;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The human end of a run: one row per alert, then the totals. */
final class SummaryTable {
  private SummaryTable() {}

  /**
   * The alert rows, then the totals of the run. {@code routes} says where each alert would go
   * (the routing tree of the config); nothing is sent.
   */
  static void print(PrintStream out, String input, AnalysisRun.Outcome o, RoutePreview routes) {
    printAlerts(out, o.anomalies(), routes);
    printSummary(out, input, o.status(), o.anomalies(), o.seconds());
    printReceivers(out, o.anomalies(), routes);
  }

  /** Where alerts would go with these settings; receivers without an integration are left out. */
  static RoutePreview preview(AlertingSettings alerting) {
    Set<String> silent = alerting.receivers().stream()
        .filter(r -> r.integrations().isEmpty())
        .map(Receiver::name)
        .collect(Collectors.toSet());
    return new RoutePreview(alerting.routing(), silent);
  }

  private static void printAlerts(PrintStream out, List<Anomaly> anomalies, RoutePreview routes) {
    if (anomalies.isEmpty()) {
      out.println("No alerts.");
      return;
    }
    out.printf("%-24s  %-18s  %-8s  %-39s  %-24s  %s%n",
        "WINDOW START (UTC)", "RULE", "SEVERITY", "SOURCE", "RECEIVERS", "EXPLANATION");
    for (Anomaly a : anomalies) {
      out.printf(
          "%-24s  %-18s  %-8s  %-39s  %-24s  %s%n",
          Instant.ofEpochMilli(a.windowStartMillis()),
          a.detector(),
          a.severity().label(),
          a.sourceIp(),
          receivers(routes, a),
          a.explanation().summary());
    }
  }

  private static String receivers(RoutePreview routes, Anomaly a) {
    List<String> r = routes.receivers(a);
    return r.isEmpty() ? "-" : String.join(",", r);
  }

  private static void printReceivers(PrintStream out, List<Anomaly> anomalies, RoutePreview routes) {
    Map<String, Integer> perReceiver = new TreeMap<>();
    anomalies.forEach(a -> routes.receivers(a).forEach(r -> perReceiver.merge(r, 1, Integer::sum)));
    if (!perReceiver.isEmpty()) {
      row(out, "would notify", "");
      perReceiver.forEach((r, n) -> row(out, "  " + r, String.format("%,d alerts", n)));
    }
  }

  private static void printSummary(
      PrintStream out, String input, SegmentStatus s, List<Anomaly> anomalies, double seconds) {
    Map<String, Integer> perDetector = new TreeMap<>();
    anomalies.forEach(a -> perDetector.merge(a.detector(), 1, Integer::sum));
    out.println();
    out.println("Summary of " + input);
    row(out, "packets", String.format("%,d", s.packets()));
    row(out, "bytes", String.format("%,d", s.bytes()));
    row(out, "malformed packets", String.format("%,d", s.malformed())
        + (s.malformedByKind().isEmpty() ? "" : "  " + s.malformedByKind()));
    row(out, "non-IP frames", String.format("%,d", s.nonIp()));
    row(out, "flows", String.format("%,d", s.flows()));
    row(out, "hosts", String.format("%,d", s.hosts()));
    row(out, "host windows", String.format("%,d", s.windowsDelivered()));
    row(out, "anomalies", String.format("%,d", anomalies.size()));
    perDetector.forEach((d, n) -> row(out, "  " + d, String.format("%,d", n)));
    double pps = seconds > 0 ? s.packets() / seconds : 0;
    row(out, "time", String.format("%.2f s (%,.0f packets/s)", seconds, pps));
  }

  private static void row(PrintStream out, String name, String value) {
    out.printf("  %-20s %s%n", name, value);
  }
}
