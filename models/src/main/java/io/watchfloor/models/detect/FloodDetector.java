package io.watchfloor.models.detect;

import com.typesafe.config.Config;
import io.watchfloor.models.baseline.BaselineView;
import io.watchfloor.models.baseline.HostFeature;
import io.watchfloor.protocol.alert.Severity;
import io.watchfloor.protocol.host.HostWindow;
import io.watchfloor.protocol.host.HostWindow.FloodEvidence;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A denial-of-service flood, seen from either end:
 * <ul>
 *   <li><b>source</b>: the host sent at least {@code minPackets} packets to one peer in a window and
 *       got at most {@code maxAnswerRatio} of them answered (SYN, UDP and ICMP floods go one way;
 *       a bulk upload gets an acknowledgement for every second segment);
 *   <li><b>target</b>: the host received at least {@code minInboundConnections} connection attempts
 *       in a window, at least {@code inboundBaselineFactor} times its usual (warm baseline only) —
 *       what a spoofed-source SYN flood looks like from the victim.
 * </ul>
 * Quiet for {@code realertAfter} (capture time) after an alert; one instance per host.
 */
public final class FloodDetector implements HostDetector {
  public static final String ID = "flood";
  private static final String KEY = "watchfloor.models.detectors.flood.";
  private static final int CONNECTIONS_IN = HostFeature.CONNECTIONS_IN.ordinal();
  private static final double HIGH_SEVERITY_SCORE = 5;

  private final long minPackets;
  private final double maxAnswerRatio;
  private final int minInboundConnections;
  private final double inboundBaselineFactor;
  private final long realertAfterMillis;
  private long lastAlertMillis = Long.MIN_VALUE;

  /**
   * @param minPackets packets to one peer in a window that can make the host a flood source
   * @param maxAnswerRatio at most this many packets back per packet sent
   * @param minInboundConnections connection attempts received in a window that can make it a target
   * @param inboundBaselineFactor ... and at least this many times its usual number
   * @param realertAfter quiet period after an alert
   */
  public FloodDetector(
      long minPackets,
      double maxAnswerRatio,
      int minInboundConnections,
      double inboundBaselineFactor,
      Duration realertAfter) {
    require(minPackets >= 1, "min-packets must be positive, was " + minPackets);
    require(maxAnswerRatio >= 0 && maxAnswerRatio < 1,
        "max-answer-ratio must be in [0, 1), was " + maxAnswerRatio);
    require(minInboundConnections >= 1,
        "min-inbound-connections must be positive, was " + minInboundConnections);
    require(inboundBaselineFactor > 1,
        "inbound-baseline-factor must be above 1, was " + inboundBaselineFactor);
    require(!realertAfter.isNegative(), "realert-after must not be negative, was " + realertAfter);
    this.minPackets = minPackets;
    this.maxAnswerRatio = maxAnswerRatio;
    this.minInboundConnections = minInboundConnections;
    this.inboundBaselineFactor = inboundBaselineFactor;
    this.realertAfterMillis = realertAfter.toMillis();
  }

  /** A detector with the thresholds of {@code block}; see {@link #factory}. */
  public static HostDetector fromConfig(Config block) {
    return factory(block).get();
  }

  /**
   * Reads the thresholds of {@code block} once; every {@code get()} is a new detector
   * with them (each host keeps its own history).
   */
  public static Supplier<HostDetector> factory(Config block) {
    var minPackets = block.getLong("min-packets");
    var maxAnswerRatio = block.getDouble("max-answer-ratio");
    var minInboundConnections = block.getInt("min-inbound-connections");
    var inboundBaselineFactor = block.getDouble("inbound-baseline-factor");
    var realertAfter = block.getDuration("realert-after");
    return () -> new FloodDetector(
        minPackets, maxAnswerRatio, minInboundConnections, inboundBaselineFactor, realertAfter);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Optional<Finding> inspect(HostWindow window, BaselineView baseline, double[] values) {
    long now = window.windowEndMillis();
    if (lastAlertMillis != Long.MIN_VALUE && now - lastAlertMillis < realertAfterMillis) {
      return Optional.empty();
    }
    Optional<Finding> found = source(window);
    if (found.isEmpty()) {
      found = target(window, baseline);
    }
    found.ifPresent(f -> lastAlertMillis = now);
    return found;
  }

  private Optional<Finding> source(HostWindow w) {
    FloodEvidence f = w.flood();
    if (f.packetsToTarget() < minPackets || f.packetsFromTarget() > maxAnswerRatio * f.packetsToTarget()) {
      return Optional.empty();
    }
    double seconds = w.windowMillis() / 1000.0;
    double score = (double) f.packetsToTarget() / minPackets;
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("trigger", "source");
    evidence.put("target", f.target());
    evidence.put("packets_sent", Long.toString(f.packetsToTarget()));
    evidence.put("packets_answered", Long.toString(f.packetsFromTarget()));
    evidence.put("packets_per_second", String.format(Locale.ROOT, "%.0f", f.packetsToTarget() / seconds));
    String summary = String.format(Locale.ROOT,
        "%s flooded %s: %d packets in %.0f s (%.0f/s), %d answered",
        w.host(), f.target(), f.packetsToTarget(), seconds, f.packetsToTarget() / seconds,
        f.packetsFromTarget());
    return Optional.of(new Finding(ID, "impact", severity(score), score, f.target(), null, null,
        summary, evidence));
  }

  private Optional<Finding> target(HostWindow w, BaselineView baseline) {
    int attempts = w.connectionsIn();
    if (attempts < minInboundConnections || !baseline.isWarm()) {
      return Optional.empty();
    }
    double usual = baseline.typical(CONNECTIONS_IN);
    if (attempts < inboundBaselineFactor * Math.max(1, usual)) {
      return Optional.empty();
    }
    double score = (double) attempts / minInboundConnections;
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("trigger", "target");
    evidence.put("connection_attempts_in", Integer.toString(attempts));
    evidence.put("usual_attempts_in", String.format(Locale.ROOT, "%.0f", usual));
    evidence.put("distinct_peers", Integer.toString(w.distinctPeers()));
    String summary = String.format(Locale.ROOT,
        "%s is flooded: %d connection attempts in one window from %d peers, usually %.0f",
        w.host(), attempts, w.distinctPeers(), usual);
    return Optional.of(new Finding(ID, "impact", severity(score), score, w.host(), null, null,
        summary, evidence));
  }

  private static Severity severity(double score) {
    return score >= HIGH_SEVERITY_SCORE ? Severity.HIGH : Severity.MEDIUM;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(KEY + message);
    }
  }
}
