package io.watchfloor.models.detect;

import com.typesafe.config.Config;
import io.watchfloor.models.baseline.BaselineView;
import io.watchfloor.models.baseline.HostFeature;
import io.watchfloor.protocol.alert.Severity;
import io.watchfloor.protocol.host.FlowSummary;
import io.watchfloor.protocol.host.HostWindow;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Supplier;

/**
 * A host sending out far more than it usually does, in one of two ways:
 * <ul>
 *   <li><b>external volume</b>: bytes out to destinations outside the network (public addresses;
 *       with {@code treatPrivateAsInternal} off, private ones too) in a window of at least {@code
 *       minExternalBytes} and at least {@code baselineFactor} times the host's usual bytes out.
 *       Only a warm baseline can judge "usual". The usual is the host's total bytes out, so the
 *       comparison errs towards silence.
 *   <li><b>upload to a non-standard port</b>: to one (peer, port), whatever the peer's address, at
 *       least {@code minUploadBytes} out and at least {@code minUploadRatio} times what came back,
 *       on a port not in {@code servicePorts}. Needs no baseline: a one-way bulk transfer to an odd
 *       port (a RAT's upload channel, a staging server) is rare enough on its own; a download, the
 *       shape of browsing, never qualifies.
 * </ul>
 *
 * <p>Bytes come from the flows the host started, counted in the window the flow table exports them
 * (idle or active timeout, end of capture), so a long upload is judged in pieces of at most the
 * active timeout. Each (peer, port) upload and the external-volume trigger alert again only after
 * {@code realertAfter} (capture time), which is the only state kept: an instance belongs to one
 * host ({@code ModelSettings.newHostAnalyzer()} builds new detectors per host), not thread-safe.
 */
public final class ExfiltrationDetector implements HostDetector {
  public static final String ID = "exfiltration";
  private static final String VOLUME_KEY = "*volume*";
  private static final int MAX_LISTED_PEERS = 10;
  private static final int MAX_REMEMBERED_ALERTS = 256;
  private static final double HIGH_SEVERITY_SCORE = 10;
  private static final String KEY = "watchfloor.models.detectors.exfiltration.";
  private static final int BYTES_OUT = HostFeature.BYTES_OUT.ordinal();

  private final boolean treatPrivateAsInternal;
  private final long minExternalBytes;
  private final double baselineFactor;
  private final long minUploadBytes;
  private final double minUploadRatio;
  private final Set<Integer> servicePorts;
  private final long realertAfterMillis;
  private final Map<String, Long> lastAlert =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > MAX_REMEMBERED_ALERTS;
        }
      };

  /**
   * @param treatPrivateAsInternal private peers are inside the network (not counted as external)
   * @param minExternalBytes absolute floor of external bytes out in a window
   * @param baselineFactor external bytes out must be this many times the usual bytes out
   * @param minUploadBytes bytes out to one (peer, port) that make a bulk upload
   * @param minUploadRatio bytes out per byte in of that upload
   * @param servicePorts well-known service ports where uploads are ordinary (web, mail, file shares)
   * @param realertAfter quiet period per upload pair and for the volume trigger
   */
  public ExfiltrationDetector(
      boolean treatPrivateAsInternal,
      long minExternalBytes,
      double baselineFactor,
      long minUploadBytes,
      double minUploadRatio,
      Set<Integer> servicePorts,
      Duration realertAfter) {
    require(minExternalBytes >= 1, "min-external-bytes must be positive, was " + minExternalBytes);
    require(baselineFactor > 1, "baseline-factor must be above 1, was " + baselineFactor);
    require(minUploadBytes >= 1, "upload.min-bytes must be positive, was " + minUploadBytes);
    require(minUploadRatio >= 1, "upload.min-ratio must be at least 1, was " + minUploadRatio);
    require(!realertAfter.isNegative(), "realert-after must not be negative, was " + realertAfter);
    this.treatPrivateAsInternal = treatPrivateAsInternal;
    this.minExternalBytes = minExternalBytes;
    this.baselineFactor = baselineFactor;
    this.minUploadBytes = minUploadBytes;
    this.minUploadRatio = minUploadRatio;
    this.servicePorts = Set.copyOf(servicePorts);
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
    var treatPrivateAsInternal = block.getBoolean("treat-private-as-internal");
    var minExternalBytes = block.getBytes("min-external-bytes");
    var baselineFactor = block.getDouble("baseline-factor");
    var uploadMinBytes = block.getBytes("upload.min-bytes");
    var uploadMinRatio = block.getDouble("upload.min-ratio");
    var uploadServicePorts = Set.copyOf(block.getIntList("upload.service-ports"));
    var realertAfter = block.getDuration("realert-after");
    return () -> new ExfiltrationDetector(
        treatPrivateAsInternal, minExternalBytes, baselineFactor, uploadMinBytes, uploadMinRatio,
        uploadServicePorts, realertAfter);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Optional<Finding> inspect(HostWindow window, BaselineView baseline, double[] values) {
    Map<String, Transfer> external = new HashMap<>();
    Map<String, Transfer> uploads = new HashMap<>();
    for (FlowSummary f : window.flows()) {
      AddressScope scope = AddressScope.of(f.peer());
      if (scope == AddressScope.GROUP || scope == AddressScope.UNKNOWN || f.peer().equals(window.host())) {
        continue;
      }
      if (scope == AddressScope.EXTERNAL || !treatPrivateAsInternal) {
        external.computeIfAbsent(f.peer(), p -> new Transfer(p, f.peerPort(), f.transport())).add(f);
      }
      if (!servicePorts.contains(f.peerPort())) {
        String key = f.transport() + "|" + f.peer() + "|" + f.peerPort();
        uploads.computeIfAbsent(key, k -> new Transfer(f.peer(), f.peerPort(), f.transport())).add(f);
      }
    }
    long now = window.windowEndMillis();
    Optional<Finding> volume = volume(window, baseline, external, now);
    if (volume.isPresent()) {
      return volume;
    }
    return upload(window, uploads, now);
  }

  private Optional<Finding> volume(HostWindow window, BaselineView baseline, Map<String, Transfer> external, long now) {
    if (external.isEmpty() || !baseline.isWarm() || quiet(VOLUME_KEY, now)) {
      return Optional.empty();
    }
    long out = 0;
    long in = 0;
    for (Transfer t : external.values()) {
      out += t.bytesOut;
      in += t.bytesIn;
    }
    double usual = baseline.typical(BYTES_OUT);
    double floorScore = out / (double) minExternalBytes;
    double baselineScore = out / (baselineFactor * Math.max(1.0, usual));
    if (floorScore < 1 || baselineScore < 1) {
      return Optional.empty();
    }
    lastAlert.put(VOLUME_KEY, now);
    Transfer top = external.values().stream().max(Comparator.comparingLong(t -> t.bytesOut)).orElseThrow();
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("trigger", "external_volume");
    evidence.put("bytes_out", Long.toString(out));
    evidence.put("bytes_in", Long.toString(in));
    evidence.put("ratio", ratio(out, in));
    evidence.put("usual_bytes_out", String.format("%.0f", usual));
    evidence.put("baseline_windows", Long.toString(baseline.windows()));
    evidence.put("peers", topPeers(external));
    evidence.put("top_peer", top.peer);
    evidence.put("top_peer_bytes_out", Long.toString(top.bytesOut));
    String summary =
        String.format(
            "%s sent %d bytes to %d external hosts in %d s, %.0f times its usual %.0f bytes out per window (top: %s, %d bytes)",
            window.host(), out, external.size(), window.windowMillis() / 1000, out / Math.max(1.0, usual), usual,
            top.peer, top.bytesOut);
    double score = Math.min(floorScore, baselineScore);
    return Optional.of(
        new Finding(ID, "exfiltration", severity(score), score, top.peer, top.port, top.transport, summary, evidence));
  }

  private Optional<Finding> upload(HostWindow window, Map<String, Transfer> uploads, long now) {
    Transfer best = null;
    double bestScore = 0;
    for (Map.Entry<String, Transfer> e : uploads.entrySet()) {
      Transfer t = e.getValue();
      double sizeScore = t.bytesOut / (double) minUploadBytes;
      double ratioScore = t.bytesOut / (minUploadRatio * Math.max(1, t.bytesIn));
      double score = Math.min(sizeScore, ratioScore);
      if (score >= 1 && score > bestScore && !quiet(e.getKey(), now)) {
        best = t;
        bestScore = score;
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    lastAlert.put(best.transport + "|" + best.peer + "|" + best.port, now);
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("trigger", "upload_to_non_service_port");
    evidence.put("peer", best.peer);
    evidence.put("port", Integer.toString(best.port));
    evidence.put("transport", best.transport);
    evidence.put("bytes_out", Long.toString(best.bytesOut));
    evidence.put("bytes_in", Long.toString(best.bytesIn));
    evidence.put("ratio", ratio(best.bytesOut, best.bytesIn));
    evidence.put("connections", Integer.toString(best.flows));
    evidence.put("peer_scope", AddressScope.of(best.peer).name().toLowerCase(Locale.ROOT));
    String summary =
        String.format(
            "%s uploaded %d bytes to %s:%d/%s over %d connections, %s times what came back, on a port that is no common service",
            window.host(), best.bytesOut, best.peer, best.port, best.transport, best.flows,
            ratio(best.bytesOut, best.bytesIn));
    return Optional.of(
        new Finding(ID, "exfiltration", severity(bestScore), bestScore, best.peer, best.port, best.transport, summary,
            evidence));
  }

  private boolean quiet(String key, long now) {
    Long last = lastAlert.get(key);
    return last != null && now - last < realertAfterMillis;
  }

  private static Severity severity(double score) {
    return score >= HIGH_SEVERITY_SCORE ? Severity.HIGH : Severity.MEDIUM;
  }

  private static String ratio(long out, long in) {
    return String.format("%.1f", out / (double) Math.max(1, in));
  }

  private static String topPeers(Map<String, Transfer> byPeer) {
    return byPeer.values().stream()
        .sorted(Comparator.comparingLong((Transfer t) -> t.bytesOut).reversed())
        .limit(MAX_LISTED_PEERS)
        .map(t -> t.peer + "=" + t.bytesOut)
        .collect(Collectors.joining(","));
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(KEY + message);
    }
  }

  /** Bytes of the flows to one peer (volume) or one (peer, port) (upload) in one window. */
  private static final class Transfer {
    final String peer;
    final int port;
    final String transport;
    long bytesOut;
    long bytesIn;
    int flows;

    Transfer(String peer, int port, String transport) {
      this.peer = peer;
      this.port = port;
      this.transport = transport;
    }

    void add(FlowSummary f) {
      bytesOut += f.bytesOut();
      bytesIn += f.bytesIn();
      flows++;
    }
  }
}
