package io.watchfloor.models.detect;

import io.watchfloor.models.baseline.BaselineView;
import io.watchfloor.models.intel.Indicator;
import io.watchfloor.models.intel.IndicatorSet;
import io.watchfloor.models.intel.ThreatIntel;
import io.watchfloor.protocol.alert.Severity;
import io.watchfloor.protocol.app.AppMetadata;
import io.watchfloor.protocol.host.FlowSummary;
import io.watchfloor.protocol.host.HostWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Contact with something a threat feed lists: a flow of the host to a listed address or prefix, a
 * DNS query, TLS server name or HTTP host under a listed domain, or a TLS ClientHello with a listed
 * JA3 hash. A host that is itself a listed address is flagged too. Each indicator alerts again for
 * the host only after {@code realertAfter} (capture time).
 */
public final class ThreatIntelDetector implements HostDetector {
  public static final String ID = "threat_intel";
  private static final int MAX_LISTED = 10;
  private static final int MAX_REMEMBERED = 256;

  private final ThreatIntel intel;
  private final long realertAfterMillis;
  private final Map<String, Long> lastAlert =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > MAX_REMEMBERED;
        }
      };

  public ThreatIntelDetector(ThreatIntel intel, Duration realertAfter) {
    if (realertAfter.isNegative()) {
      throw new IllegalArgumentException(
          "watchfloor.models.detectors.threat-intel.realert-after must not be negative, was " + realertAfter);
    }
    this.intel = intel;
    this.realertAfterMillis = realertAfter.toMillis();
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Optional<Finding> inspect(HostWindow window, BaselineView baseline, double[] values) {
    IndicatorSet set = intel.current();
    if (set.size() == 0) {
      return Optional.empty();
    }
    long now = window.windowEndMillis();
    Map<String, Hit> hits = new LinkedHashMap<>();
    set.matchAddress(window.host()).ifPresent(i -> add(hits, i, "host", window.host(), null, now));
    for (FlowSummary f : window.flows()) {
      set.matchAddress(f.peer()).ifPresent(i -> add(hits, i, "destination.ip", f.peer(), f, now));
      for (String key : List.of(AppMetadata.DNS_QUESTION_NAME, AppMetadata.TLS_CLIENT_SERVER_NAME,
          AppMetadata.URL_DOMAIN)) {
        String name = f.metadata().get(key);
        set.matchDomain(name).ifPresent(i -> add(hits, i, key, name, f, now));
      }
      String ja3 = f.metadata().get(AppMetadata.TLS_CLIENT_JA3);
      set.matchJa3(ja3).ifPresent(i -> add(hits, i, AppMetadata.TLS_CLIENT_JA3, ja3, f, now));
    }
    if (hits.isEmpty()) {
      return Optional.empty();
    }
    for (String key : hits.keySet()) {
      lastAlert.put(key, now);
    }
    List<Hit> list = new ArrayList<>(hits.values());
    Hit first = list.get(0);
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("indicators", Integer.toString(list.size()));
    for (int n = 0; n < Math.min(MAX_LISTED, list.size()); n++) {
      Hit h = list.get(n);
      evidence.put("match." + n, h.field + "=" + h.observed + " ~ " + h.indicator.kind().name().toLowerCase()
          + ":" + h.indicator.value()
          + (h.indicator.description().isEmpty() ? "" : " (" + h.indicator.description() + ")")
          + " [" + h.indicator.source() + "]");
    }
    String summary = window.host() + " contacted " + first.observed + " (" + first.field
        + "), listed as " + first.indicator.value()
        + (first.indicator.description().isEmpty() ? "" : ": " + first.indicator.description())
        + (list.size() > 1 ? " (+" + (list.size() - 1) + " more)" : "");
    FlowSummary flow = first.flow;
    return Optional.of(new Finding(ID, "threat_intel", Severity.HIGH, list.size(),
        flow == null ? null : flow.peer(), flow == null ? null : flow.peerPort(),
        flow == null ? null : flow.transport(), summary, evidence));
  }

  private void add(Map<String, Hit> hits, Indicator i, String field, String observed, FlowSummary f, long now) {
    String key = i.kind() + "|" + i.value();
    Long last = lastAlert.get(key);
    if (hits.containsKey(key) || (last != null && now - last < realertAfterMillis)) {
      return;
    }
    hits.put(key, new Hit(i, field, observed, f));
  }

  private record Hit(Indicator indicator, String field, String observed, FlowSummary flow) {}
}
