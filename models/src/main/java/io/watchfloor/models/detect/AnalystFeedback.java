package io.watchfloor.models.detect;

import io.watchfloor.protocol.alert.Severity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What analysts said about a host's anomalies, and what it changes:
 * <ul>
 *   <li>a <b>false positive</b> suppresses that detector for the host — or only for the same peer,
 *       when the anomaly named one — until it expires; a suppressed window counts as normal, so the
 *       pattern joins the host's baseline;
 *   <li>a <b>true positive</b> raises the severity of the detector's later anomalies on the host by
 *       one level.
 * </ul>
 * Times are capture time (window starts), so a replayed capture behaves as the live one did.
 */
public final class AnalystFeedback {
  private static final int FORMAT_VERSION = 1;
  private static final String ANY_PEER = "*";

  /** "detector|peer" → suppressed until (epoch ms, capture time). */
  private final Map<String, Long> suppressedUntil = new HashMap<>();
  private final Set<String> confirmed = new HashSet<>();

  public void falsePositive(String detector, Optional<String> peer, long untilMillis) {
    suppressedUntil.merge(key(detector, peer.orElse(ANY_PEER)), untilMillis, Math::max);
  }

  public void truePositive(String detector) {
    confirmed.add(detector);
  }

  /** The finding as feedback leaves it: empty when suppressed, escalated when confirmed. */
  Optional<Finding> apply(Finding f, long windowStartMillis) {
    if (suppressed(f.detector(), ANY_PEER, windowStartMillis)
        || (f.destinationIp() != null && suppressed(f.detector(), f.destinationIp(), windowStartMillis))) {
      return Optional.empty();
    }
    if (!confirmed.contains(f.detector()) || f.severity() == Severity.CRITICAL) {
      return Optional.of(f);
    }
    Severity raised = Severity.values()[f.severity().ordinal() + 1];
    Map<String, String> evidence = new java.util.LinkedHashMap<>(f.evidence());
    evidence.put("severity_raised_by", "analyst confirmed an earlier " + f.detector() + " on this host");
    return Optional.of(new Finding(f.detector(), f.category(), raised, f.score(), f.destinationIp(),
        f.destinationPort(), f.transport(), f.summary(), evidence));
  }

  private boolean suppressed(String detector, String peer, long at) {
    Long until = suppressedUntil.get(key(detector, peer));
    return until != null && at < until;
  }

  private static String key(String detector, String peer) {
    return detector + "|" + peer;
  }

  /** "detector|peer" ("*" for every peer) → suppressed until (capture time), a copy. */
  public Map<String, Long> suppressions() {
    return Map.copyOf(suppressedUntil);
  }

  /** Detectors analysts confirmed on this host, a copy. */
  public Set<String> confirmedDetectors() {
    return Set.copyOf(confirmed);
  }

  public boolean isEmpty() {
    return suppressedUntil.isEmpty() && confirmed.isEmpty();
  }

  byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(FORMAT_VERSION);
      out.writeInt(suppressedUntil.size());
      for (Map.Entry<String, Long> e : suppressedUntil.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeLong(e.getValue());
      }
      out.writeInt(confirmed.size());
      for (String d : confirmed) {
        out.writeUTF(d);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static AnalystFeedback fromBytes(byte[] data) {
    AnalystFeedback f = new AnalystFeedback();
    if (data.length == 0) {
      return f;
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      int version = in.readInt();
      if (version != FORMAT_VERSION) {
        throw new IllegalArgumentException("feedback snapshot has format " + version + ", expected " + FORMAT_VERSION);
      }
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        f.suppressedUntil.put(in.readUTF(), in.readLong());
      }
      int m = in.readInt();
      for (int i = 0; i < m; i++) {
        f.confirmed.add(in.readUTF());
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("feedback snapshot is truncated", e);
    }
    return f;
  }
}
