package io.watchfloor.loadtest.synth;

import io.watchfloor.loadtest.synth.SiteModelReplay.Start;
import io.watchfloor.models.detect.AddressScope;
import io.watchfloor.protocol.alert.Anomaly;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The site-model mode's figures split by how hosts started: one {@link DetectionReport} for hosts
 * that started from the site model and one for hosts that started with nothing (their own model).
 *
 * <p>An attack belongs to the group of its subject: the attacker when internal, else its first
 * internal target (a flood from the Internet), and only if the subject was analysed from before
 * the attack's first packet (an attack on a held-back host before it appeared is left out). An
 * anomaly that an attack explains belongs to that attack's group (to the attack its host is the
 * subject of, if it explains several: a flood's external source may have started from the site
 * model while its target did not), and is left out with it; any other anomaly belongs to the group
 * of its host. A group's host-days are its internal hosts' spans from
 * their first window to the end of the capture.
 */
final class StartGroups {

  private final Map<String, Start> starts;
  private final DetectionReport siteStarted;
  private final DetectionReport ownStarted;
  private final List<TruthRow> observed;
  private final List<Anomaly> kept;

  /**
   * @param starts how each analysed host started
   * @param from capture time of each analysed host's first window
   */
  StartGroups(Map<String, Start> starts, Map<String, Long> from, List<TruthRow> truth,
      List<Anomaly> anomalies, long lastMillis, long graceMillis) {
    this.starts = Map.copyOf(starts);
    this.observed = truth.stream().filter(t -> {
      String s = subject(t);
      return s != null && from.containsKey(s) && from.get(s) <= t.start().toEpochMilli();
    }).toList();
    Map<Anomaly, Start> groupOf = new LinkedHashMap<>();
    for (Anomaly a : anomalies) {
      // The attack of which the anomaly's host is the subject, else any it explains.
      Optional<TruthRow> cause = truth.stream()
          .filter(t -> DetectionReport.explains(t, a, graceMillis))
          .min(Comparator.comparing(t -> a.host().equals(subject(t)) ? 0 : 1));
      if (cause.isEmpty()) {
        groupOf.put(a, starts.get(a.host()));
      } else if (observed.contains(cause.get())) {
        groupOf.put(a, starts.get(subject(cause.get())));
      }
    }
    this.kept = List.copyOf(groupOf.keySet());
    this.siteStarted = report(Start.SITE, starts, from, groupOf, lastMillis, graceMillis);
    this.ownStarted = report(Start.OWN, starts, from, groupOf, lastMillis, graceMillis);
  }

  private DetectionReport report(Start group, Map<String, Start> starts, Map<String, Long> from,
      Map<Anomaly, Start> groupOf, long lastMillis, long graceMillis) {
    double hostDays = starts.entrySet().stream()
        .filter(e -> e.getValue() == group && AddressScope.of(e.getKey()) == AddressScope.INTERNAL)
        .mapToDouble(e -> (lastMillis - from.get(e.getKey())) / 86_400_000.0).sum();
    return new DetectionReport(
        observed.stream().filter(t -> starts.get(subject(t)) == group).toList(),
        groupOf.entrySet().stream().filter(e -> e.getValue() == group).map(Map.Entry::getKey)
            .toList(),
        Math.max(hostDays, 1e-9), graceMillis);
  }

  static String subject(TruthRow t) {
    if (AddressScope.of(t.attacker()) == AddressScope.INTERNAL) {
      return t.attacker();
    }
    return t.targets().stream().filter(h -> AddressScope.of(h) == AddressScope.INTERNAL)
        .findFirst().orElse(null);
  }

  DetectionReport siteStarted() {
    return siteStarted;
  }

  DetectionReport ownStarted() {
    return ownStarted;
  }

  /** Internal hosts per group. */
  long internalHosts(Start group) {
    return starts.entrySet().stream()
        .filter(e -> e.getValue() == group && AddressScope.of(e.getKey()) == AddressScope.INTERNAL)
        .count();
  }

  /** The attacks whose subject was analysed from before their start (both groups). */
  List<TruthRow> observedAttacks() {
    return observed;
  }

  /** The anomalies of both groups (those explained only by a left-out attack are not). */
  List<Anomaly> keptAnomalies() {
    return kept;
  }

  /** The site model's trainings and use, then both groups' tables. */
  String markdown(SiteModelReplay site, List<Anomaly> anomalies, long graceMillis,
      List<TruthRow> truth) {
    Set<String> bySite = site.scoredBySiteModel();
    List<Anomaly> raised = anomalies.stream().filter(a -> bySite.contains(a.id())).toList();
    long falseRaised = raised.stream()
        .filter(a -> truth.stream().noneMatch(t -> DetectionReport.explains(t, a, graceMillis)))
        .count();
    String trained = site.trainings().stream()
        .map(t -> String.format(Locale.ROOT, "%s (%,d windows of %d hosts)",
            Instant.ofEpochMilli(t.atMillis()), t.windows(), t.hosts()))
        .collect(Collectors.joining(", "));
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT,
        "%nSite model: trained %d times%s; %d hosts started from it (%d internal), %d with their"
            + " own model (%d internal); hosts scoring with the site model judged %,d windows and"
            + " raised %d anomalies (%d false) before their own first training; %d attacks left"
            + " out here and in the table above (on a held-back host before it appeared).%n",
        site.trainings().size(), trained.isEmpty() ? "" : ": " + trained,
        count(Start.SITE), internalHosts(Start.SITE), count(Start.OWN), internalHosts(Start.OWN),
        site.siteScoredWindows(), raised.size(), falseRaised, truth.size() - observed.size()));
    md.append(String.format(Locale.ROOT, "%n#### Hosts that started from the site model"
        + " (%.1f host-days)%n%n", siteStarted.hostDays())).append(siteStarted.markdown());
    md.append(String.format(Locale.ROOT, "%n#### Hosts that started with their own model"
        + " (%.1f host-days)%n%n", ownStarted.hostDays())).append(ownStarted.markdown());
    return md.toString();
  }

  private long count(Start group) {
    return starts.values().stream().filter(s -> s == group).count();
  }

  /** Both groups' TSV, each line prefixed with its group ("site" or "own"). */
  String tsv() {
    StringBuilder tsv = new StringBuilder("group\t");
    List<String> rows = siteStarted.tsv().lines().toList();
    tsv.append(rows.get(0)).append('\n');
    rows.stream().skip(1).forEach(l -> tsv.append("site\t").append(l).append('\n'));
    ownStarted.tsv().lines().skip(1).forEach(l -> tsv.append("own\t").append(l).append('\n'));
    return tsv.toString();
  }
}
