package io.watchfloor.models.inspect;

import io.watchfloor.protocol.flow.FlowRecord;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Masks flow metadata values (DNS names, URLs, host names) that contain sensitive data, before the
 * flow joins its host window: a card number in a DNS name must not reach Cassandra or an alert
 * through the flow summary when the payload matches are redacted. A value with a find is replaced
 * by its masked form (all but its last 4 characters). Allocates only for flows with metadata.
 * Not thread-safe: one per segment.
 */
public final class FlowMetadataRedactor {
  private final SensitiveDataScanner scanner;
  private boolean found;

  public FlowMetadataRedactor(List<CustomPattern> custom) {
    this.scanner = new SensitiveDataScanner(custom);
  }

  public FlowRecord redact(FlowRecord r) {
    if (r.metadata().isEmpty()) {
      return r;
    }
    Map<String, String> masked = null;
    for (Map.Entry<String, String> e : r.metadata().entrySet()) {
      byte[] value = e.getValue().getBytes(StandardCharsets.ISO_8859_1);
      found = false;
      scanner.scan(value, 0, value.length, 0, false, 0, (kind, name, category, redacted) -> found = true);
      if (found) {
        if (masked == null) {
          masked = new HashMap<>(r.metadata());
        }
        masked.put(e.getKey(), Redaction.mask(e.getValue()));
      }
    }
    if (masked == null) {
      return r;
    }
    return new FlowRecord(r.transport(), r.sourceIp(), r.sourcePort(), r.destinationIp(),
        r.destinationPort(), r.vlan(), r.sourcePackets(), r.sourceBytes(), r.destinationPackets(),
        r.destinationBytes(), r.startNanos(), r.endNanos(), r.protocol(), r.communityId(), r.state(),
        r.endReason(), r.origin(), masked);
  }
}
