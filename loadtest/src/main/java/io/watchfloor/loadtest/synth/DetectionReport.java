package io.watchfloor.loadtest.synth;

import io.watchfloor.protocol.alert.Anomaly;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scores anomalies against ground truth.
 *
 * <p>Matching rule. An attack's <em>interval</em> runs from its first packet to its last packet plus
 * {@code graceMillis} (the flow table exports a flow only when it goes idle, and flow-based detectors
 * see it in the window of that export; EvaluateMain uses the TCP idle timeout plus three windows).
 * An anomaly
 * <em>overlaps</em> it when its window [start, end) intersects that interval.
 * <ul>
 *   <li>An attack is <b>detected</b> when an anomaly whose rule.name is the attack's expected
 *       detector, raised on the attacker's host (its source.ip), overlaps it. For {@code flood} the
 *       victim (a target) also counts: a flood is seen as much by what it hits as by who sends it.
 *   <li>An anomaly is <b>true</b> when, whatever its detector, it is raised on the attacker or a
 *       target of some attack it overlaps (a second detector noticing the same attack, or a victim's
 *       reaction, is not a false alarm); every other anomaly is a <b>false alert</b>.
 * </ul>
 * Recall per detector is detected attacks over attacks expecting it; false alerts are counted per
 * detector and per host-day ({@code hostDays}: internal hosts seen times the capture's span in days).
 */
public final class DetectionReport {

  /** The detector ids of DESIGN.md that ground truth can expect, in report order. */
  public static final List<String> DETECTORS = List.of("port_scan", "flood", "exfiltration",
      "beaconing", "lateral_movement", "dns_tunneling", "port_protocol_mismatch",
      "malformed_packet", "off_hours");
  static final String FLOOD = "flood";

  /** One detector's figures; {@code recall} is NaN when no attack expected it. */
  public record Row(String detector, int attacks, int detected, double recall, int alerts,
      int falseAlerts, double falsePerHostDay) {

    public double falsePer100HostDays() {
      return falsePerHostDay * 100;
    }
  }

  private final List<Row> rows;
  private final Row total;
  private final double hostDays;

  public DetectionReport(List<TruthRow> truth, List<Anomaly> anomalies, double hostDays,
      long graceMillis) {
    if (!(hostDays > 0)) {
      throw new IllegalArgumentException("host-days must be positive, found " + hostDays);
    }
    this.hostDays = hostDays;
    Set<String> detectors = new LinkedHashSet<>(DETECTORS);
    truth.forEach(t -> detectors.add(t.ruleName()));
    new TreeSet<>(anomalies.stream().map(Anomaly::detector).toList()).forEach(detectors::add);
    List<Row> out = new ArrayList<>();
    int allAttacks = 0;
    int allDetected = 0;
    int allAlerts = 0;
    int allFalse = 0;
    for (String d : detectors) {
      int attacks = 0;
      int detected = 0;
      for (TruthRow t : truth) {
        if (t.ruleName().equals(d)) {
          attacks++;
          if (anomalies.stream().anyMatch(a -> detects(a, t, graceMillis))) {
            detected++;
          }
        }
      }
      int alerts = 0;
      int falseAlerts = 0;
      for (Anomaly a : anomalies) {
        if (a.detector().equals(d)) {
          alerts++;
          if (truth.stream().noneMatch(t -> explains(t, a, graceMillis))) {
            falseAlerts++;
          }
        }
      }
      out.add(new Row(d, attacks, detected, attacks == 0 ? Double.NaN : detected / (double) attacks,
          alerts, falseAlerts, falseAlerts / hostDays));
      allAttacks += attacks;
      allDetected += detected;
      allAlerts += alerts;
      allFalse += falseAlerts;
    }
    this.rows = List.copyOf(out);
    this.total = new Row("all", allAttacks, allDetected,
        allAttacks == 0 ? Double.NaN : allDetected / (double) allAttacks, allAlerts, allFalse,
        allFalse / hostDays);
  }

  public List<Row> rows() {
    return rows;
  }

  public Row total() {
    return total;
  }

  public double hostDays() {
    return hostDays;
  }

  static boolean detects(Anomaly a, TruthRow t, long graceMillis) {
    if (!a.detector().equals(t.ruleName()) || !overlaps(a, t, graceMillis)) {
      return false;
    }
    return a.host().equals(t.attacker())
        || (FLOOD.equals(t.ruleName()) && t.targets().contains(a.host()));
  }

  static boolean explains(TruthRow t, Anomaly a, long graceMillis) {
    return overlaps(a, t, graceMillis)
        && (a.host().equals(t.attacker()) || t.targets().contains(a.host()));
  }

  private static boolean overlaps(Anomaly a, TruthRow t, long graceMillis) {
    long start = t.start().toEpochMilli();
    long end = t.end().toEpochMilli() + graceMillis;
    return a.windowStartMillis() <= end && a.windowEndMillis() > start;
  }

  /** The table as GitHub Markdown. */
  public String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("| detector (rule.name) | attacks | detected | recall | alerts | false alerts |"
        + " false / host-day | false / 100 host-days |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      md.append(markdownRow(r, r.detector()));
    }
    md.append(markdownRow(total, "**all**"));
    return md.toString();
  }

  private static String markdownRow(Row r, String name) {
    return String.format(Locale.ROOT, "| %s | %d | %d | %s | %d | %d | %.3f | %.1f |%n", name,
        r.attacks(), r.detected(), Double.isNaN(r.recall()) ? "–" : fmt(r.recall()), r.alerts(),
        r.falseAlerts(), r.falsePerHostDay(), r.falsePer100HostDays());
  }

  /** The table as TSV with a header row; recall is empty when no attack expected the detector. */
  public String tsv() {
    StringBuilder tsv = new StringBuilder(
        "detector\tattacks\tdetected\trecall\talerts\tfalse_alerts\tfalse_per_host_day"
            + "\tfalse_per_100_host_days\n");
    for (Row r : rows) {
      tsv.append(tsvRow(r));
    }
    tsv.append(tsvRow(total));
    return tsv.toString();
  }

  private static String tsvRow(Row r) {
    return String.format(Locale.ROOT, "%s\t%d\t%d\t%s\t%d\t%d\t%.4f\t%.2f%n", r.detector(),
        r.attacks(), r.detected(), Double.isNaN(r.recall()) ? "" : fmt(r.recall()), r.alerts(),
        r.falseAlerts(), r.falsePerHostDay(), r.falsePer100HostDays());
  }

  private static String fmt(double recall) {
    return String.format(Locale.ROOT, "%.2f", recall);
  }
}
