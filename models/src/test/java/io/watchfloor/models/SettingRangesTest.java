package io.watchfloor.models;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.watchfloor.models.baseline.BaselineSettings;
import io.watchfloor.models.score.NeuralSettings;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a user with a value out of range in the config reads: the full key, the range, the value. */
class SettingRangesTest {
  private static final SettingRanges CHECK = new SettingRanges("watchfloor.test.");

  static Stream<Arguments> valuesOutOfRange() {
    Function<Config, Object> baseline = BaselineSettings::create;
    Function<Config, Object> neural = NeuralSettings::create;
    return Stream.of(
        Arguments.of("baseline.warmup-windows = 0", baseline,
            "watchfloor.models.baseline.warmup-windows must be at least 1, was 0"),
        Arguments.of("baseline.alpha = 2", baseline, "watchfloor.models.baseline.alpha must be in (0, 1), was 2.0"),
        Arguments.of("baseline.min-sd = 0", baseline, "watchfloor.models.baseline.min-sd must be positive, was 0.0"),
        Arguments.of("neural.epochs = 0", neural, "watchfloor.models.neural.epochs must be at least 1, was 0"),
        Arguments.of("neural.tail-probability = 0.7", neural,
            "watchfloor.models.neural.tail-probability must be in (0, 0.5), was 0.7"),
        Arguments.of("neural.learning-rate = -1", neural,
            "watchfloor.models.neural.learning-rate must be positive, was -1.0"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valuesOutOfRange")
  void shouldNameTheKeyTheRangeAndTheValue(String bad, Function<Config, Object> settings, String message) {
    Config models = ConfigFactory.parseString(bad).withFallback(ConfigFactory.load().getConfig("watchfloor.models"));

    assertThatThrownBy(() -> settings.apply(models)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  @Test
  void shouldAcceptTheLeastValueItself() {
    assertThatCode(() -> CHECK.atLeast("pool-size", 50, 50)).doesNotThrowAnyException();
    assertThatThrownBy(() -> CHECK.atLeast("pool-size", 49, 50))
        .hasMessage("watchfloor.test.pool-size must be at least 50, was 49");
  }

  @Test
  void shouldRejectNotANumber() {
    assertThatThrownBy(() -> CHECK.positive("x", Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CHECK.between("x", Double.NaN, 0, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
