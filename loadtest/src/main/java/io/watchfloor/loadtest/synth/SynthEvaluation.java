package io.watchfloor.loadtest.synth;

import io.watchfloor.models.ModelSettings;
import io.watchfloor.models.detect.AddressScope;
import io.watchfloor.models.detect.HostAnalyzer;
import io.watchfloor.models.window.SegmentWindows;
import io.watchfloor.protocol.alert.Anomaly;
import io.watchfloor.protocol.decode.DecodedPacket;
import io.watchfloor.protocol.decode.PacketDecoder;
import io.watchfloor.protocol.host.HostWindow;
import io.watchfloor.protocol.pcap.CaptureFileReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Replays a capture through the models the way a node does, without the node: the capture thread's
 * {@link SegmentWindows} (per-host windows and the flow table) and one {@link HostAnalyzer} per host
 * key built from the same {@link ModelSettings}, fed every window in the order capture closes them.
 * Anomalies are stamped with their window's end as detection time, so a replay is reproducible.
 */
public final class SynthEvaluation {

  static final String SITE = "synth";

  /**
   * @param internalHosts internal (RFC 1918 and similar) addresses that had at least one window
   * @param hostsAnalyzed every host key that had a window, internal or not
   */
  public record Replay(List<Anomaly> anomalies, long packets, long windows, int hostsAnalyzed,
      Set<String> internalHosts, long firstMillis, long lastMillis, double seconds) {

    /** Internal hosts times the capture's span in days: the denominator of false alert rates. */
    public double hostDays() {
      return internalHosts.size() * ((lastMillis - firstMillis) / 86_400_000.0);
    }
  }

  private SynthEvaluation() {}

  /** @param progress called with the packets read so far, every million packets */
  public static Replay replay(Path pcap, ModelSettings settings, LongConsumer progress)
      throws IOException {
    return replay(pcap, settings, HostLifecycle.NONE, progress);
  }

  /**
   * @param lifecycle when hosts appear, what they start from and what their windows feed
   * @param progress called with the packets read so far, every million packets
   */
  static Replay replay(Path pcap, ModelSettings settings, HostLifecycle lifecycle,
      LongConsumer progress) throws IOException {
    long started = System.nanoTime();
    SegmentWindows segment =
        settings.newSegmentWindows(SITE, "file:" + pcap.getFileName());
    Map<String, HostAnalyzer> analyzers = new HashMap<>();
    Set<String> internal = new HashSet<>();
    List<Anomaly> anomalies = new ArrayList<>();
    PacketDecoder decoder = new PacketDecoder();
    long packets = 0;
    long windows = 0;
    long first = -1;
    long last = 0;
    try (CaptureFileReader reader = CaptureFileReader.open(pcap)) {
      while (reader.next()) {
        DecodedPacket p = decoder.decode(reader.linkType(), reader.buffer(), reader.offset(),
            reader.capturedLength(), reader.originalLength(), reader.timestampNanos());
        long millis = reader.timestampNanos() / 1_000_000L;
        if (first < 0) {
          first = millis;
        }
        last = Math.max(last, millis);
        windows += judge(segment.accept(p, reader.offset()), settings, lifecycle, analyzers,
            internal, anomalies);
        if (++packets % 1_000_000 == 0) {
          progress.accept(packets);
        }
      }
    }
    windows += judge(segment.finish(), settings, lifecycle, analyzers, internal, anomalies);
    return new Replay(List.copyOf(anomalies), packets, windows, analyzers.size(), Set.copyOf(internal),
        Math.max(first, 0), last, (System.nanoTime() - started) / 1e9);
  }

  /** @return the windows analysed (those of hosts not yet on the network are not) */
  private static int judge(List<HostWindow> closed, ModelSettings settings,
      HostLifecycle lifecycle, Map<String, HostAnalyzer> analyzers, Set<String> internal,
      List<Anomaly> out) {
    int analysed = 0;
    for (HostWindow w : closed) {
      if (!lifecycle.admits(w)) {
        continue;
      }
      if (AddressScope.of(w.host()) == AddressScope.INTERNAL) {
        internal.add(w.host());
      }
      HostAnalyzer analyzer = analyzers.get(w.hostKey());
      if (analyzer == null) {
        analyzer = settings.newHostAnalyzer();
        lifecycle.started(w, analyzer);
        analyzers.put(w.hostKey(), analyzer);
      }
      List<Anomaly> found = analyzer.analyze(w, w.windowEndMillis());
      lifecycle.analyzed(w, analyzer, found);
      out.addAll(found);
      analysed++;
    }
    return analysed;
  }
}
