package io.watchfloor.models.detect;

import io.watchfloor.models.baseline.BaselineView;
import io.watchfloor.protocol.alert.Severity;
import io.watchfloor.protocol.decode.Malformation;
import io.watchfloor.protocol.host.HostWindow;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A host sending packets the decoder could not accept. Structural damage (truncated or
 * inconsistent headers, bad checksums, bad TCP options) is "hard": no conforming stack sends it, so
 * it flags from {@code hardMinPackets} (default: the first). ICMP types and codes no RFC defines and
 * illegal TCP flag combinations are "soft": scanners' OS-fingerprinting probes and some odd but
 * harmless stacks send them, so they flag only from {@code softMinPackets} per window.
 *
 * <p>A window carries the host's malformed-packet count and the kind it saw last, not a count per
 * kind, so the kind decides which threshold the whole count is held to. Malformations the decoder
 * adds later are hard unless listed in {@link #SOFT}.
 */
public final class MalformedPacketDetector implements HostDetector {
  public static final String ID = "malformed_packet";
  private static final String CATEGORY = "protocol_anomaly";
  private static final int HIGH_SEVERITY_FACTOR = 10;

  /** Oddities that probes and quirky stacks produce; everything else is structural damage. */
  static final Set<Malformation> SOFT =
      EnumSet.of(
          Malformation.ICMPV4_UNKNOWN_TYPE,
          Malformation.ICMPV4_UNKNOWN_CODE,
          Malformation.ICMPV6_UNKNOWN_TYPE,
          Malformation.ICMPV6_UNKNOWN_CODE,
          Malformation.ILLEGAL_TCP_FLAGS);

  private final int hardMinPackets;
  private final int softMinPackets;

  public MalformedPacketDetector(int hardMinPackets, int softMinPackets) {
    if (hardMinPackets < 1 || softMinPackets < 1) {
      throw new IllegalArgumentException(
          "watchfloor.models.detectors.malformed-packet thresholds must be at least 1, were "
              + hardMinPackets
              + " (hard-min-packets) and "
              + softMinPackets
              + " (soft-min-packets)");
    }
    this.hardMinPackets = hardMinPackets;
    this.softMinPackets = softMinPackets;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Optional<Finding> inspect(HostWindow window, BaselineView baseline, double[] values) {
    int count = window.malformedPackets();
    if (count <= 0) {
      return Optional.empty();
    }
    Malformation kind = kindOf(window.topMalformation());
    boolean soft = kind != null && SOFT.contains(kind);
    int threshold = soft ? softMinPackets : hardMinPackets;
    if (count < threshold) {
      return Optional.empty();
    }
    double score = count / (double) threshold;
    Severity severity;
    if (soft) {
      severity = score >= HIGH_SEVERITY_FACTOR ? Severity.MEDIUM : Severity.LOW;
    } else {
      severity = score >= HIGH_SEVERITY_FACTOR ? Severity.HIGH : Severity.MEDIUM;
    }
    String kindId = window.topMalformation().isEmpty() ? "unknown" : window.topMalformation();
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("count", Integer.toString(count));
    evidence.put("kind", kindId);
    evidence.put("class", soft ? "soft" : "hard");
    if (kind != null) {
      evidence.put("description", kind.description());
    }
    evidence.put("threshold", Integer.toString(threshold));
    evidence.put("packets_out", Long.toString(window.packetsOut()));
    String summary =
        String.format(
            "%s sent %d malformed packet%s in %d s (last: %s, %s; threshold %d)",
            window.host(),
            count,
            count == 1 ? "" : "s",
            window.windowMillis() / 1000,
            kindId,
            soft ? "soft" : "hard",
            threshold);
    return Optional.of(new Finding(ID, CATEGORY, severity, score, null, null, null, summary, evidence));
  }

  private static Malformation kindOf(String id) {
    if (id == null || id.isEmpty()) {
      return null;
    }
    try {
      return Malformation.valueOf(id.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
