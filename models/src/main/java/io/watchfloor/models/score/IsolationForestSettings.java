package io.watchfloor.models.score;

import com.typesafe.config.Config;

/**
 * {@code watchfloor.models.isolation-forest}: size of the forest (Liu, Ting and Zhou 2008 defaults).
 *
 * @param trees isolation trees in the forest
 * @param subsample rows drawn, without replacement, to grow each tree
 * @param seed seed of subsampling and splits (a forest is deterministic for a seed)
 */
public record IsolationForestSettings(int trees, int subsample, long seed) {

  public IsolationForestSettings {
    if (trees < 1) {
      throw new IllegalArgumentException(
          "watchfloor.models.isolation-forest.trees must be at least 1, was " + trees);
    }
    if (subsample < 2) {
      throw new IllegalArgumentException(
          "watchfloor.models.isolation-forest.subsample must be at least 2, was " + subsample);
    }
  }

  /** @param models the {@code watchfloor.models} block */
  public static IsolationForestSettings create(Config models) {
    Config c = models.getConfig("isolation-forest");
    return new IsolationForestSettings(c.getInt("trees"), c.getInt("subsample"), c.getLong("seed"));
  }
}
