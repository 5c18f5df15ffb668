package io.watchfloor.node.alert.silence;

import io.watchfloor.node.alert.route.Matcher;
import io.watchfloor.protocol.CborSerializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An Alertmanager-style silence: while {@code startsAt <= now < endsAt}, alerts matching every
 * matcher are not sent. Matchers are kept as text (as written) so the record travels and stores
 * as is.
 */
public record Silence(
    String id, List<String> matchers, long startsAtMillis, long endsAtMillis, String createdBy, String comment)
    implements CborSerializable {

  public Silence {
    matchers = List.copyOf(matchers);
    if (matchers.isEmpty()) {
      throw new IllegalArgumentException("a silence needs at least one matcher");
    }
    matchers.forEach(Matcher::parse);
    if (endsAtMillis <= startsAtMillis) {
      throw new IllegalArgumentException("a silence must end after it starts");
    }
  }

  public boolean activeAt(Instant now) {
    long t = now.toEpochMilli();
    return t >= startsAtMillis && t < endsAtMillis;
  }

  public boolean matches(Map<String, String> labels) {
    return matchers.stream().map(Matcher::parse).allMatch(m -> m.matches(labels));
  }

  /** Active, pending or expired at {@code now}. */
  public String state(Instant now) {
    long t = now.toEpochMilli();
    return t < startsAtMillis ? "pending" : t < endsAtMillis ? "active" : "expired";
  }

  public Silence expiredAt(Instant now) {
    long end = Math.max(startsAtMillis + 1, Math.min(endsAtMillis, now.toEpochMilli()));
    return new Silence(id, matchers, startsAtMillis, end, createdBy, comment);
  }
}
