package io.watchfloor.models;

import com.typesafe.config.Config;
import io.watchfloor.models.baseline.BaselineSettings;
import io.watchfloor.models.detect.DetectorSettings;
import io.watchfloor.models.detect.HostAnalyzer;
import io.watchfloor.models.flow.FlowSettings;
import io.watchfloor.models.inspect.SignatureRules;
import io.watchfloor.models.window.SegmentWindows;
import io.watchfloor.models.detect.NeuralDetectorSettings;
import java.util.Optional;
import io.watchfloor.models.window.WindowSettings;

/**
 * All of {@code watchfloor.models}, read once at start-up, and the node's signature rules (loaded
 * here; {@code signatures().reloadIfChanged()} picks up edited rule files).
 */
public record ModelSettings(
    WindowSettings window,
    BaselineSettings baseline,
    DetectorSettings detectors,
    FlowSettings flows,
    Optional<NeuralDetectorSettings> neural,
    SignatureRules signatures) {

  /** @param root the whole configuration (reads {@code watchfloor.models}) */
  public static ModelSettings create(Config root) {
    Config models = root.getConfig("watchfloor.models");
    ModelSettings s =
        new ModelSettings(
            WindowSettings.create(models),
            BaselineSettings.create(models),
            DetectorSettings.create(models),
            FlowSettings.create(models),
            models.getBoolean("neural.enabled") ? Optional.of(NeuralDetectorSettings.create(models)) : Optional.empty(),
            null);
    s = new ModelSettings(s.window, s.baseline, s.detectors, s.flows, s.neural,
        s.detectors.payloadInspection().newSignatureRules());
    s.signatures.reload();
    s.detectors.detectors(); // validate thresholds now, not on the first window
    return s;
  }

  /**
   * The per-packet path of one segment: host windows, flows and, when on, payload inspection with
   * the node's shared signature rules.
   */
  public SegmentWindows newSegmentWindows(String site, String segment) {
    return new SegmentWindows(site, segment, window, flows, detectors.payloadInspection(), signatures);
  }

  public HostAnalyzer newHostAnalyzer() {
    return new HostAnalyzer(baseline, detectors.detectors(), neural);
  }
}
