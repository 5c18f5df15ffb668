package io.watchfloor.models.detect;

import io.watchfloor.models.baseline.BaselineView;
import io.watchfloor.protocol.alert.Severity;
import io.watchfloor.protocol.host.HostWindow;
import io.watchfloor.protocol.host.PayloadMatch;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Payload signatures (Suricata/Snort rule subset) that matched the host's packets in the window.
 * One finding per window: the rule matched most often leads (its sid, msg and rev become ECS
 * {@code rule.id}, {@code rule.description} and {@code rule.version}, its classtype
 * {@code rule.category}); every rule that matched is listed in the evidence.
 */
public final class SignatureDetector implements HostDetector {
  public static final String ID = "signature";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Optional<Finding> inspect(HostWindow window, BaselineView baseline, double[] values) {
    PayloadMatch top = null;
    Map<String, Integer> bySid = new LinkedHashMap<>();
    int total = 0;
    for (PayloadMatch m : window.payloadMatches().matches()) {
      if (!m.source().equals(PayloadMatch.SIGNATURE)) {
        continue;
      }
      bySid.merge(m.kind(), m.count(), Integer::sum);
      total += m.count();
      if (top == null || m.count() > top.count()) {
        top = m;
      }
    }
    if (top == null) {
      return Optional.empty();
    }
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("rule.id", top.kind());
    evidence.put("rule.description", top.name());
    evidence.put("rule.version", Integer.toString(top.revision()));
    evidence.put("matches", Integer.toString(total));
    evidence.put("signatures", bySid.toString().replaceAll("[{}]", ""));
    evidence.put("peer", top.peer());
    if (!top.protocol().isEmpty()) {
      evidence.put("network.protocol", top.protocol());
    }
    String summary = String.format("signature %s \"%s\" matched %d time(s) between %s and %s:%d",
        top.kind(), top.name(), top.count(), window.host(), top.peer(), top.peerPort());
    return Optional.of(new Finding(ID, top.category(), Severity.HIGH, total, top.peer(), top.peerPort(),
        top.transport(), summary, evidence));
  }
}
