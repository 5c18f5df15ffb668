package io.watchfloor.models.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreSettingsTest {

  @Test
  void shouldReadTheShippedDefaults() {
    NeuralSettings neural = TestSettings.neural();
    IsolationForestSettings forest = TestSettings.isolationForest();

    assertThat(neural.layers()).containsExactly(16, 4);
    assertThat(neural.graceWindows()).isEqualTo(120);
    assertThat(neural.tailProbability()).isEqualTo(0.001);
    assertThat(forest.trees()).isEqualTo(100);
    assertThat(forest.subsample()).isEqualTo(256);
  }

  @Test
  void shouldNameTheKeyOfAnInvalidValue() {
    var models = ConfigFactory.parseString(
            "neural.tail-probability = 0.7, neural.layers = [8, 0], isolation-forest.subsample = 1")
        .withFallback(ConfigFactory.load().getConfig("watchfloor.models"));

    assertThatThrownBy(() -> NeuralSettings.create(models))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("watchfloor.models.neural.layers");
    assertThatThrownBy(() -> NeuralSettings.create(
            ConfigFactory.parseString("neural.tail-probability = 0.7")
                .withFallback(ConfigFactory.load().getConfig("watchfloor.models"))))
        .hasMessageContaining("watchfloor.models.neural.tail-probability");
    assertThatThrownBy(() -> IsolationForestSettings.create(models))
        .hasMessageContaining("watchfloor.models.isolation-forest.subsample");
    assertThatThrownBy(() -> TestSettings.withNetwork(List.of(), 10))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
