package io.watchfloor.models.score;

import com.typesafe.config.ConfigFactory;

/** The shipped defaults (watchfloor-models.conf), as a node reads them. */
final class TestSettings {

  private TestSettings() {}

  static NeuralSettings neural() {
    return NeuralSettings.create(ConfigFactory.load().getConfig("watchfloor.models"));
  }

  static IsolationForestSettings isolationForest() {
    return IsolationForestSettings.create(ConfigFactory.load().getConfig("watchfloor.models"));
  }
}
