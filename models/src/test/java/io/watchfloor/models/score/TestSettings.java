package io.watchfloor.models.score;

import com.typesafe.config.ConfigFactory;
import java.util.List;

/** The shipped defaults (watchfloor-models.conf), as a node reads them. */
final class TestSettings {

  private TestSettings() {}

  static NeuralSettings neural() {
    return NeuralSettings.create(ConfigFactory.load().getConfig("watchfloor.models"));
  }

  /** The defaults with other layer sizes and epochs. */
  static NeuralSettings withNetwork(List<Integer> layers, int epochs) {
    NeuralSettings s = neural();
    return new NeuralSettings(layers, s.graceWindows(), s.bufferWindows(), s.retrainEvery(),
        epochs, s.fineTuneEpochs(), s.batchSize(), s.learningRate(), s.minFeatureSd(),
        s.normalizerMemory(), s.tailProbability(), s.minLogErrorSd(), s.seed());
  }

  /** The defaults with another training buffer size. */
  static NeuralSettings withBuffer(int bufferWindows) {
    NeuralSettings s = neural();
    return new NeuralSettings(s.layers(), s.graceWindows(), bufferWindows, s.retrainEvery(),
        s.epochs(), s.fineTuneEpochs(), s.batchSize(), s.learningRate(), s.minFeatureSd(),
        s.normalizerMemory(), s.tailProbability(), s.minLogErrorSd(), s.seed());
  }

  static IsolationForestSettings isolationForest() {
    return IsolationForestSettings.create(ConfigFactory.load().getConfig("watchfloor.models"));
  }
}
