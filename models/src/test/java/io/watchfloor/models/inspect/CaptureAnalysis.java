package io.watchfloor.models.inspect;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.watchfloor.models.ModelSettings;
import io.watchfloor.models.detect.HostAnalyzer;
import io.watchfloor.models.window.SegmentWindows;
import io.watchfloor.protocol.alert.Anomaly;
import io.watchfloor.protocol.decode.PacketDecoder;
import io.watchfloor.protocol.host.HostWindow;
import io.watchfloor.protocol.pcap.CaptureFileReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs a capture through SegmentWindows and one HostAnalyzer per host, as analyze does. */
final class CaptureAnalysis {
  final List<HostWindow> windows = new ArrayList<>();
  final List<Anomaly> anomalies = new ArrayList<>();

  static Config config(String overrides) {
    return ConfigFactory.parseString(overrides).withFallback(ConfigFactory.load()).resolve();
  }

  static CaptureAnalysis run(Path pcap, Config config) {
    ModelSettings settings = ModelSettings.create(config);
    PayloadInspectionSettings inspection = settings.detectors().payloadInspection();
    SignatureRules rules = inspection.newSignatureRules();
    rules.reload();
    SegmentWindows segment = new SegmentWindows("local", "s", settings.window(), settings.flows(), inspection, rules);
    CaptureAnalysis out = new CaptureAnalysis();
    PacketDecoder decoder = new PacketDecoder();
    try (CaptureFileReader reader = CaptureFileReader.open(pcap)) {
      while (reader.next()) {
        out.windows.addAll(segment.accept(decoder.decode(reader.linkType(), reader.buffer(),
            reader.offset(), reader.capturedLength(), reader.originalLength(), reader.timestampNanos()),
            reader.offset()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.windows.addAll(segment.finish());
    Map<String, HostAnalyzer> analyzers = new HashMap<>();
    for (HostWindow w : out.windows) {
      out.anomalies.addAll(analyzers.computeIfAbsent(w.host(), h -> settings.newHostAnalyzer())
          .analyze(w, w.windowEndMillis()));
    }
    return out;
  }

  List<Anomaly> of(String detector) {
    return anomalies.stream().filter(a -> a.detector().equals(detector)).toList();
  }
}
