package io.watchfloor.models.detect;

import com.typesafe.config.Config;
import io.watchfloor.models.baseline.BaselineView;
import io.watchfloor.protocol.alert.Severity;
import io.watchfloor.protocol.host.FlowSummary;
import io.watchfloor.protocol.host.HostWindow;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A host that connects to one (peer, peer port) at a steady interval with steady sizes: command and
 * control check-ins or scheduled uploads. Scored with RITA's beacon score ({@link BeaconScore}) over
 * the connection starts of each pair, which usually span many windows.
 *
 * <p>Keeps per-host state across windows, so an instance belongs to one host: {@code
 * ModelSettings.newHostAnalyzer()} builds new detectors per host. Not thread-safe (the host entity
 * is single-threaded). Memory is bounded: {@code maxConnectionsPerPair} starts per pair (oldest
 * dropped) and {@code maxPairs} pairs (least recently active evicted). The state goes into the host
 * snapshot ({@link #history()}: at most {@code maxPairs} × {@code maxConnectionsPerPair}
 * connections of 28 bytes), so a beacon half seen before a passivation or fail-over is still
 * counted afterwards.
 *
 * <p>Flows arrive when the flow table exports them, often windows after they started and out of
 * order; the detector sorts by start time. A record that continues the previous connection of the
 * pair (same local port, starting less than {@link #CONTINUATION_GAP_MILLIS} after it ended, as
 * after an active-timeout export) adds to that connection instead of counting as a new one, so a
 * long-lived session exported every 30 minutes is not a 30-minute beacon.
 */
public final class BeaconingDetector implements HostDetector {
  public static final String ID = "beaconing";
  static final long CONTINUATION_GAP_MILLIS = 60_000;
  private static final double HIGH_SEVERITY_SCORE = 0.95;
  private static final String KEY = "watchfloor.models.detectors.beaconing.";
  private static final byte HISTORY_VERSION = 1;

  private final double threshold;
  private final double minIntervalRegularity;
  private final int minConnections;
  private final int fullScoreConnections;
  private final double intervalMadCutoffSeconds;
  private final double minIntervalSeconds;
  private final int maxConnectionsPerPair;
  private final long realertAfterMillis;
  private final Set<Integer> ignoredPorts;
  private final Map<String, Pair> pairs;

  /**
   * @param threshold score (0..1] at which a pair alerts
   * @param minConnections distinct start seconds a pair needs before it is scored (at least 3)
   * @param fullScoreConnections distinct starts that give a full connection-count score
   * @param intervalMadCutoff interval dispersion that scores 0 (capped by the median interval)
   * @param minInterval median intervals shorter than this are chatty traffic, not beacons
   * @param maxConnectionsPerPair starts remembered per pair
   * @param maxPairs pairs remembered per host
   * @param realertAfter a pair that alerted stays quiet this long (capture time)
   * @param ignoredPorts peer ports never scored (periodic infrastructure: DNS, NTP, NetBIOS, SSDP, mDNS, LLMNR)
   * @param minIntervalRegularity the interval-MAD part of the score a pair needs on its own (0..1):
   *     people and services with uniform request sizes score high on size regularity, so without
   *     this gate an irregular client averages up to a beacon; a beacon is regular in time first
   */
  public BeaconingDetector(
      double threshold,
      int minConnections,
      int fullScoreConnections,
      Duration intervalMadCutoff,
      Duration minInterval,
      int maxConnectionsPerPair,
      int maxPairs,
      Duration realertAfter,
      Set<Integer> ignoredPorts,
      double minIntervalRegularity) {
    require(minIntervalRegularity >= 0 && minIntervalRegularity <= 1,
        "min-interval-regularity must be in [0, 1], was " + minIntervalRegularity);
    this.minIntervalRegularity = minIntervalRegularity;
    require(threshold > 0 && threshold <= 1, "threshold must be in (0, 1], was " + threshold);
    require(minConnections >= 3, "min-connections must be at least 3, was " + minConnections);
    require(fullScoreConnections >= minConnections,
        "full-score-connections must be at least min-connections, was " + fullScoreConnections);
    require(maxConnectionsPerPair >= fullScoreConnections,
        "max-connections-per-pair must be at least full-score-connections, was " + maxConnectionsPerPair);
    require(maxPairs >= 1, "max-pairs must be at least 1, was " + maxPairs);
    require(intervalMadCutoff.toMillis() >= 1000, "interval-mad-cutoff must be at least 1s, was " + intervalMadCutoff);
    require(!minInterval.isNegative(), "min-interval must not be negative, was " + minInterval);
    require(!realertAfter.isNegative(), "realert-after must not be negative, was " + realertAfter);
    this.threshold = threshold;
    this.minConnections = minConnections;
    this.fullScoreConnections = fullScoreConnections;
    this.intervalMadCutoffSeconds = intervalMadCutoff.toMillis() / 1000.0;
    this.minIntervalSeconds = minInterval.toMillis() / 1000.0;
    this.maxConnectionsPerPair = maxConnectionsPerPair;
    this.realertAfterMillis = realertAfter.toMillis();
    this.ignoredPorts = Set.copyOf(ignoredPorts);
    this.pairs =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Pair> eldest) {
            return size() > maxPairs;
          }
        };
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
    var threshold = block.getDouble("threshold");
    var minConnections = block.getInt("min-connections");
    var fullScoreConnections = block.getInt("full-score-connections");
    var intervalMadCutoff = block.getDuration("interval-mad-cutoff");
    var minInterval = block.getDuration("min-interval");
    var maxConnectionsPerPair = block.getInt("max-connections-per-pair");
    var maxPairs = block.getInt("max-pairs");
    var realertAfter = block.getDuration("realert-after");
    var ignoredPorts = Set.copyOf(block.getIntList("ignored-ports"));
    var minIntervalRegularity = block.getDouble("min-interval-regularity");
    return () -> new BeaconingDetector(
        threshold, minConnections, fullScoreConnections, intervalMadCutoff, minInterval,
        maxConnectionsPerPair, maxPairs, realertAfter, ignoredPorts, minIntervalRegularity);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Optional<Finding> inspect(HostWindow window, BaselineView baseline, double[] values) {
    Set<Pair> touched = new LinkedHashSet<>();
    for (FlowSummary f : window.flows()) {
      if (!scored(window.host(), f)) {
        continue;
      }
      String key = f.transport() + "|" + f.peer() + "|" + f.peerPort();
      Pair pair = pairs.computeIfAbsent(key, k -> new Pair(f.peer(), f.peerPort(), f.transport()));
      pair.add(f, maxConnectionsPerPair);
      touched.add(pair);
    }
    long now = window.windowEndMillis();
    Pair best = null;
    BeaconScore bestScore = null;
    for (Pair pair : touched) {
      // an alert later in capture time belongs to a later capture (restored history), not to this one
      if (pair.lastAlertMillis != Long.MIN_VALUE && now >= pair.lastAlertMillis
          && now - pair.lastAlertMillis < realertAfterMillis) {
        continue;
      }
      long[] starts = pair.distinctStartSeconds();
      if (starts.length < minConnections) {
        continue;
      }
      BeaconScore s = BeaconScore.of(starts, pair.bytesOut(), intervalMadCutoffSeconds, fullScoreConnections);
      if (s.medianIntervalSeconds() < minIntervalSeconds
          || s.intervalMadScore() < minIntervalRegularity
          || s.score() < threshold) {
        continue;
      }
      if (bestScore == null || s.score() > bestScore.score()) {
        best = pair;
        bestScore = s;
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    best.lastAlertMillis = now;
    return Optional.of(finding(window, best, bestScore));
  }

  /**
   * Version 1: the pairs, least recently active first, each with its peer, port, transport, last
   * alert and connections (start, end, local port, bytes out).
   */
  @Override
  public byte[] history() {
    if (pairs.isEmpty()) {
      return new byte[0];
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(HISTORY_VERSION);
      out.writeInt(pairs.size());
      for (Pair p : pairs.values()) {
        out.writeUTF(p.peer);
        out.writeInt(p.port);
        out.writeUTF(p.transport);
        out.writeLong(p.lastAlertMillis);
        out.writeInt(p.connections.size());
        for (Connection c : p.connections) {
          out.writeLong(c.startMillis);
          out.writeLong(c.endMillis);
          out.writeInt(c.localPort);
          out.writeLong(c.bytesOut);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public void restoreHistory(byte[] bytes) {
    pairs.clear();
    if (bytes.length == 0 || bytes[0] != HISTORY_VERSION) {
      return;
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      in.readByte();
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        Pair p = new Pair(in.readUTF(), in.readInt(), in.readUTF());
        p.lastAlertMillis = in.readLong();
        int connections = in.readInt();
        for (int k = 0; k < connections; k++) {
          p.connections.add(new Connection(in.readLong(), in.readLong(), in.readInt(), in.readLong()));
        }
        while (p.connections.size() > maxConnectionsPerPair) {
          p.connections.remove(0); // a smaller limit now than when the snapshot was taken
        }
        pairs.put(p.transport + "|" + p.peer + "|" + p.port, p);
      }
    } catch (IOException | RuntimeException e) {
      pairs.clear(); // a damaged history starts afresh rather than keeping the host asleep
    }
  }

  private boolean scored(String host, FlowSummary f) {
    if (!"tcp".equals(f.transport()) && !"udp".equals(f.transport())) {
      return false;
    }
    if (ignoredPorts.contains(f.peerPort()) || host.equals(f.peer())) {
      return false;
    }
    AddressScope scope = AddressScope.of(f.peer());
    return scope == AddressScope.INTERNAL || scope == AddressScope.EXTERNAL;
  }

  private Finding finding(HostWindow window, Pair pair, BeaconScore s) {
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("peer", pair.peer);
    evidence.put("port", Integer.toString(pair.port));
    evidence.put("transport", pair.transport);
    evidence.put("connections", Integer.toString(pair.connections.size()));
    evidence.put("distinct_starts", Integer.toString(s.starts()));
    evidence.put("mean_interval_s", String.format("%.1f", pair.meanIntervalSeconds()));
    evidence.put("median_interval_s", String.format("%.0f", s.medianIntervalSeconds()));
    evidence.put("interval_mad_s", String.format("%.0f", s.intervalMadSeconds()));
    evidence.put("median_bytes_out", String.format("%.0f", s.medianBytes()));
    evidence.put("size_mad_bytes", String.format("%.0f", s.bytesMad()));
    evidence.put("score", String.format("%.3f", s.score()));
    evidence.put("interval_skew_score", String.format("%.3f", s.intervalSkewScore()));
    evidence.put("interval_mad_score", String.format("%.3f", s.intervalMadScore()));
    evidence.put("size_skew_score", String.format("%.3f", s.sizeSkewScore()));
    evidence.put("size_mad_score", String.format("%.3f", s.sizeMadScore()));
    evidence.put("count_score", String.format("%.3f", s.countScore()));
    String summary =
        String.format(
            "%s beacons to %s:%d/%s: %d connections about every %.0f s (interval MAD %.0f s, size MAD %.0f bytes), beacon score %.2f (threshold %.2f)",
            window.host(), pair.peer, pair.port, pair.transport, pair.connections.size(),
            s.medianIntervalSeconds(), s.intervalMadSeconds(), s.bytesMad(), s.score(), threshold);
    Severity severity = s.score() >= HIGH_SEVERITY_SCORE ? Severity.HIGH : Severity.MEDIUM;
    return new Finding(
        ID, "command_and_control", severity, s.score() / threshold, pair.peer, pair.port, pair.transport,
        summary, evidence);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(KEY + message);
    }
  }

  /** The connections one host started to one (peer, port, transport), by start time. */
  private static final class Pair {
    final String peer;
    final int port;
    final String transport;
    final List<Connection> connections = new ArrayList<>();
    long lastAlertMillis = Long.MIN_VALUE;

    Pair(String peer, int port, String transport) {
      this.peer = peer;
      this.port = port;
      this.transport = transport;
    }

    void add(FlowSummary f, int max) {
      for (int i = connections.size() - 1; i >= 0; i--) {
        Connection c = connections.get(i);
        if (c.localPort == f.localPort()) {
          long gap = f.startMillis() - c.endMillis;
          if (gap >= 0 && gap < CONTINUATION_GAP_MILLIS) {
            c.bytesOut += f.bytesOut();
            c.endMillis = Math.max(c.endMillis, f.endMillis());
            return;
          }
          break;
        }
      }
      int at = connections.size();
      while (at > 0 && connections.get(at - 1).startMillis > f.startMillis()) {
        at--;
      }
      connections.add(at, new Connection(f.startMillis(), f.endMillis(), f.localPort(), f.bytesOut()));
      if (connections.size() > max) {
        connections.remove(0);
      }
    }

    long[] distinctStartSeconds() {
      long[] out = new long[connections.size()];
      int n = 0;
      for (Connection c : connections) {
        long s = Math.floorDiv(c.startMillis, 1000L);
        if (n == 0 || out[n - 1] != s) {
          out[n++] = s;
        }
      }
      return Arrays.copyOf(out, n);
    }

    long[] bytesOut() {
      long[] out = new long[connections.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = connections.get(i).bytesOut;
      }
      return out;
    }

    /** Mean interval between distinct start seconds. */
    double meanIntervalSeconds() {
      long[] starts = distinctStartSeconds();
      return starts.length < 2 ? 0 : (starts[starts.length - 1] - starts[0]) / (double) (starts.length - 1);
    }
  }

  private static final class Connection {
    final long startMillis;
    final int localPort;
    long endMillis;
    long bytesOut;

    Connection(long startMillis, long endMillis, int localPort, long bytesOut) {
      this.startMillis = startMillis;
      this.endMillis = endMillis;
      this.localPort = localPort;
      this.bytesOut = bytesOut;
    }
  }
}
