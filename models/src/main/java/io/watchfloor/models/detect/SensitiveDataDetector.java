package io.watchfloor.models.detect;

import io.watchfloor.models.baseline.BaselineView;
import io.watchfloor.protocol.alert.Severity;
import io.watchfloor.protocol.host.HostWindow;
import io.watchfloor.protocol.host.PayloadMatch;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Sensitive data (card numbers, national ids, keys, cleartext credentials, custom patterns) the
 * host sent in the clear to an external address, as payload inspection found it on the capture
 * path. The evidence names the kinds, their counts and one redacted sample each: the secret itself
 * never reached this window.
 */
public final class SensitiveDataDetector implements HostDetector {
  public static final String ID = "sensitive_data";
  private static final int SAMPLES = 5;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Optional<Finding> inspect(HostWindow window, BaselineView baseline, double[] values) {
    Map<String, Integer> byKind = new TreeMap<>();
    Map<String, String> samples = new TreeMap<>();
    PayloadMatch top = null;
    int total = 0;
    for (PayloadMatch m : window.payloadMatches().matches()) {
      if (!m.source().equals(PayloadMatch.SENSITIVE_DATA)
          || AddressScope.of(m.peer()) != AddressScope.EXTERNAL) {
        continue;
      }
      byKind.merge(m.kind(), m.count(), Integer::sum);
      if (samples.size() < SAMPLES && !m.redactedSample().isEmpty()) {
        samples.putIfAbsent(m.kind(), m.redactedSample());
      }
      total += m.count();
      if (top == null || m.count() > top.count()) {
        top = m;
      }
    }
    if (top == null) {
      return Optional.empty();
    }
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("matches", Integer.toString(total));
    evidence.put("kinds", byKind.toString().replaceAll("[{}]", ""));
    samples.forEach((kind, sample) -> evidence.put("sample." + kind, sample));
    evidence.put("peer", top.peer());
    if (!top.protocol().isEmpty()) {
      evidence.put("network.protocol", top.protocol());
    }
    if (window.payloadMatches().omitted() > 0) {
      evidence.put("matches_omitted", Integer.toString(window.payloadMatches().omitted()));
    }
    boolean secrets = byKind.keySet().stream().anyMatch(k -> !k.equals("card_number") && !k.equals("national_id"));
    String summary = String.format("%s sent %d cleartext item(s) of sensitive data (%s) to external %s:%d",
        window.host(), total, String.join(", ", byKind.keySet()), top.peer(), top.peerPort());
    return Optional.of(new Finding(ID, "data_loss", secrets || total > 1 ? Severity.HIGH : Severity.MEDIUM,
        total, top.peer(), top.peerPort(), top.transport(), summary, evidence));
  }
}
