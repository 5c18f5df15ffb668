package io.watchfloor.models;

import com.typesafe.config.Config;
import io.watchfloor.models.baseline.BaselineSettings;
import io.watchfloor.models.detect.DetectorSettings;
import io.watchfloor.models.detect.HostAnalyzer;
import io.watchfloor.models.flow.FlowSettings;
import io.watchfloor.models.score.NeuralSettings;
import java.util.Optional;
import io.watchfloor.models.window.WindowSettings;

/** All of {@code watchfloor.models}, read once at start-up. */
public record ModelSettings(
    WindowSettings window,
    BaselineSettings baseline,
    DetectorSettings detectors,
    FlowSettings flows,
    Optional<NeuralSettings> neural) {

  /** @param root the whole configuration (reads {@code watchfloor.models}) */
  public static ModelSettings create(Config root) {
    Config models = root.getConfig("watchfloor.models");
    ModelSettings s =
        new ModelSettings(
            WindowSettings.create(models),
            BaselineSettings.create(models),
            DetectorSettings.create(models),
            FlowSettings.create(models),
            models.getBoolean("neural.enabled") ? Optional.of(NeuralSettings.create(models)) : Optional.empty());
    s.detectors.detectors(); // validate thresholds now, not on the first window
    return s;
  }

  public HostAnalyzer newHostAnalyzer() {
    return new HostAnalyzer(baseline, detectors.detectors(), neural);
  }
}
