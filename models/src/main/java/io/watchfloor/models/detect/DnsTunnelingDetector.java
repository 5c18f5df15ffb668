package io.watchfloor.models.detect;

import io.watchfloor.models.baseline.BaselineView;
import io.watchfloor.protocol.alert.Severity;
import io.watchfloor.protocol.app.AppMetadata;
import io.watchfloor.protocol.host.FlowSummary;
import io.watchfloor.protocol.host.HostWindow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Data carried in DNS (MITRE ATT&CK T1071.004, T1048): iodine, dnscat2, DNS-based stagers. From the
 * DNS flows a host started towards port 53 in the window, per registered domain ({@link
 * RegisteredDomain}), it flags any of:
 *
 * <ul>
 *   <li><b>encoded subdomains</b>: at least {@code minUniqueSubdomains} distinct subdomains, and
 *       their mean Shannon entropy (bits per character, dots left out) reaches {@code minEntropy} or
 *       the mean query-name length reaches {@code minLength};
 *   <li><b>TXT channel</b>: at least {@code minTxtBytes} of TXT answer data over at least {@code
 *       minTxtQueries} TXT queries;
 *   <li><b>query volume</b>: at least {@code minQueries} queries. A tunnel client that keeps one UDP
 *       socket (iodine) shows up as one flow whose metadata holds only its first query, so the only
 *       thing left to see is how many queries that flow carried.
 * </ul>
 *
 * <p>Counts are lower bounds: a flow's metadata describes its first query and answer, and its
 * outgoing packets count as its queries. Reverse lookups ({@code .arpa}), mDNS, LLMNR and NetBIOS
 * (other ports) and {@code ignoredDomains} are left out. A recursive resolver relaying a tunnel is
 * flagged as well: it really does send those queries.
 */
public final class DnsTunnelingDetector implements HostDetector {
  public static final String ID = "dns_tunneling";
  private static final String CATEGORY = "command_and_control";
  private static final int DNS_PORT = 53;
  private static final int SAMPLE_NAMES = 3;
  private static final double HIGH_SEVERITY_SCORE = 5;

  /**
   * @param minUniqueSubdomains distinct subdomains of one registered domain in a window
   * @param minEntropy mean Shannon entropy of those subdomains, bits per character
   * @param minLength mean length of those query names, characters
   * @param minTxtBytes TXT answer bytes from one registered domain in a window
   * @param minTxtQueries TXT queries to it that those bytes must come with
   * @param minQueries queries to one registered domain in a window, on their own
   * @param ignoredDomains registered domains never flagged (antivirus and reputation lookups)
   */
  public record Thresholds(
      int minUniqueSubdomains,
      double minEntropy,
      int minLength,
      long minTxtBytes,
      int minTxtQueries,
      long minQueries,
      Set<String> ignoredDomains) {

    public Thresholds {
      if (minUniqueSubdomains < 2 || !(minEntropy > 0) || minLength < 1 || minTxtBytes < 1
          || minTxtQueries < 1 || minQueries < 2) {
        throw new IllegalArgumentException(
            "watchfloor.models.detectors.dns-tunneling thresholds out of range (min-unique-subdomains"
                + " >= 2, min-entropy > 0, min-length >= 1, min-txt-bytes >= 1, min-txt-queries >= 1,"
                + " min-queries >= 2), were "
                + minUniqueSubdomains + ", " + minEntropy + ", " + minLength + ", " + minTxtBytes
                + ", " + minTxtQueries + ", " + minQueries);
      }
      ignoredDomains =
          ignoredDomains.stream()
              .map(d -> RegisteredDomain.of(d).domain())
              .collect(Collectors.toUnmodifiableSet());
    }
  }

  private final Thresholds t;

  public DnsTunnelingDetector(Thresholds thresholds) {
    this.t = thresholds;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Optional<Finding> inspect(HostWindow window, BaselineView baseline, double[] values) {
    Map<String, DomainStats> byDomain = new HashMap<>();
    for (FlowSummary f : window.flows()) {
      String name = f.metadata().get(AppMetadata.DNS_QUESTION_NAME);
      if (name == null || name.isEmpty() || f.peerPort() != DNS_PORT) {
        continue;
      }
      RegisteredDomain rd = RegisteredDomain.of(name);
      if (rd.domain().equals("arpa") || rd.domain().endsWith(".arpa")
          || t.ignoredDomains().contains(rd.domain())) {
        continue;
      }
      byDomain.computeIfAbsent(rd.domain(), DomainStats::new).add(f, rd);
    }
    Verdict best = null;
    for (DomainStats s : byDomain.values()) {
      Verdict v = judge(s);
      if (v != null && (best == null || v.score() > best.score())) {
        best = v;
      }
    }
    return best == null ? Optional.empty() : Optional.of(finding(window, best));
  }

  private Verdict judge(DomainStats s) {
    List<String> rules = new ArrayList<>(3);
    double score = 0;
    int unique = s.subdomains.size();
    if (unique >= t.minUniqueSubdomains()
        && (s.meanEntropy() >= t.minEntropy() || s.meanLength() >= t.minLength())) {
      rules.add("encoded_subdomains");
      double shape = Math.max(s.meanEntropy() / t.minEntropy(), s.meanLength() / (double) t.minLength());
      score = Math.max(score, unique / (double) t.minUniqueSubdomains() * shape);
    }
    if (s.txtBytes >= t.minTxtBytes() && s.txtQueries >= t.minTxtQueries()) {
      rules.add("txt_channel");
      score = Math.max(score, s.txtBytes / (double) t.minTxtBytes());
    }
    if (s.queries >= t.minQueries()) {
      rules.add("query_volume");
      score = Math.max(score, s.queries / (double) t.minQueries());
    }
    return rules.isEmpty() ? null : new Verdict(s, rules, score);
  }

  private Finding finding(HostWindow window, Verdict v) {
    DomainStats s = v.stats();
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("registered_domain", s.domain);
    evidence.put("rules", String.join(",", v.rules()));
    evidence.put("queries", Long.toString(s.queries));
    evidence.put("flows", Integer.toString(s.flows));
    evidence.put("unique_subdomains", Integer.toString(s.subdomains.size()));
    evidence.put("sample_names", s.names.stream().limit(SAMPLE_NAMES).collect(Collectors.joining(", ")));
    evidence.put("mean_name_length", String.format(Locale.ROOT, "%.1f", s.meanLength()));
    evidence.put("mean_subdomain_entropy", String.format(Locale.ROOT, "%.2f", s.meanEntropy()));
    evidence.put("txt_queries", Long.toString(s.txtQueries));
    evidence.put("txt_bytes", Long.toString(s.txtBytes));
    evidence.put("response_bytes", Long.toString(s.bytesIn));
    evidence.put("resolver", s.topResolver());
    evidence.put("first_query_millis", Long.toString(s.firstMillis));
    evidence.put("last_query_millis", Long.toString(s.lastMillis));
    String summary =
        String.format(
            Locale.ROOT,
            "%s sent %d DNS queries for %s over %d s (%s): %d unique subdomains, mean name %.0f"
                + " chars, entropy %.1f bits/char, %d TXT answer bytes",
            window.host(),
            s.queries,
            s.domain,
            Math.max(1, (s.lastMillis - s.firstMillis + 999) / 1000),
            String.join(", ", v.rules()),
            s.subdomains.size(),
            s.meanLength(),
            s.meanEntropy(),
            s.txtBytes);
    Severity severity =
        v.rules().size() > 1 || v.score() >= HIGH_SEVERITY_SCORE ? Severity.HIGH : Severity.MEDIUM;
    return new Finding(
        ID, CATEGORY, severity, v.score(), s.topResolver(), DNS_PORT, s.topTransport(), summary,
        evidence);
  }

  /** Shannon entropy of the characters of {@code s} without its dots, bits per character. */
  static double entropy(String s) {
    int[] counts = new int[128];
    Map<Character, Integer> other = null;
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '.') {
        continue;
      }
      n++;
      if (c < 128) {
        counts[c]++;
      } else {
        if (other == null) {
          other = new HashMap<>();
        }
        other.merge(c, 1, Integer::sum);
      }
    }
    if (n == 0) {
      return 0;
    }
    double h = 0;
    for (int c : counts) {
      h += term(c, n);
    }
    if (other != null) {
      for (int c : other.values()) {
        h += term(c, n);
      }
    }
    return h;
  }

  private static double term(int count, int n) {
    if (count == 0) {
      return 0;
    }
    double p = count / (double) n;
    return -p * Math.log(p) / Math.log(2);
  }

  private record Verdict(DomainStats stats, List<String> rules, double score) {}

  /** What one host asked about one registered domain in one window. */
  private static final class DomainStats {
    final String domain;
    final Set<String> subdomains = new LinkedHashSet<>();
    final Set<String> names = new LinkedHashSet<>();
    final Map<String, Integer> resolvers = new HashMap<>();
    final Map<String, Integer> transports = new HashMap<>();
    long queries;
    long txtQueries;
    long txtBytes;
    long bytesIn;
    int flows;
    double lengthSum;
    double entropySum;
    long firstMillis = Long.MAX_VALUE;
    long lastMillis = Long.MIN_VALUE;

    DomainStats(String domain) {
      this.domain = domain;
    }

    void add(FlowSummary f, RegisteredDomain rd) {
      flows++;
      firstMillis = Math.min(firstMillis, f.startMillis());
      lastMillis = Math.max(lastMillis, f.endMillis());
      long q = Math.max(1, f.packetsOut());
      queries += q;
      bytesIn += f.bytesIn();
      resolvers.merge(f.peer(), 1, Integer::sum);
      transports.merge(f.transport(), 1, Integer::sum);
      if ("TXT".equalsIgnoreCase(f.metadata().get(AppMetadata.DNS_QUESTION_TYPE))) {
        txtQueries += q;
      }
      String txt = f.metadata().get(AppMetadata.DNS_TXT_BYTES);
      if (txt != null) {
        try {
          txtBytes += Long.parseLong(txt);
        } catch (NumberFormatException ignored) {
          // a malformed count adds nothing
        }
      }
      String name = rd.subdomain().isEmpty() ? rd.domain() : rd.subdomain() + "." + rd.domain();
      names.add(name);
      if (!rd.subdomain().isEmpty() && subdomains.add(rd.subdomain())) {
        lengthSum += name.length();
        entropySum += entropy(rd.subdomain());
      }
    }

    double meanLength() {
      return subdomains.isEmpty() ? 0 : lengthSum / subdomains.size();
    }

    double meanEntropy() {
      return subdomains.isEmpty() ? 0 : entropySum / subdomains.size();
    }

    String topResolver() {
      return top(resolvers);
    }

    String topTransport() {
      return top(transports);
    }

    private static String top(Map<String, Integer> counts) {
      return counts.entrySet().stream()
          .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
          .map(Map.Entry::getKey)
          .orElse(null);
    }
  }
}
