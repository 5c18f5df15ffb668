package io.watchfloor.models.detect;

import io.watchfloor.models.baseline.HostBaseline;
import io.watchfloor.models.score.NeuralScorer;
import io.watchfloor.protocol.api.ModelState;
import io.watchfloor.protocol.api.ModelState.NeuralState;
import io.watchfloor.protocol.api.ModelState.Suppression;
import java.util.Comparator;
import java.util.List;

/** A host analyzer's models as the API shows them; reads only. */
final class ModelStates {
  private ModelStates() {}

  /** @param atMillis capture time: suppressions that ended before it are left out */
  static ModelState of(
      HostBaseline baseline, long warmupWindows, NeuralScorer scorer, AnalystFeedback feedback, long atMillis) {
    NeuralState neural = null;
    if (scorer != null) {
      String training = scorer.trainings() > 0 ? "trained" : scorer.isReady() ? "site_model" : "grace";
      var threshold = scorer.threshold();
      neural = new NeuralState(training, scorer.graceWindowsRemaining(),
          threshold.isPresent() ? threshold.getAsDouble() : null, scorer.learnedWindows(), scorer.trainings());
    }
    List<Suppression> suppressions = feedback.suppressions().entrySet().stream()
        .filter(e -> e.getValue() > atMillis)
        .map(e -> {
          int bar = e.getKey().indexOf('|');
          return new Suppression(e.getKey().substring(0, bar), e.getKey().substring(bar + 1), e.getValue());
        })
        .sorted(Comparator.comparing(Suppression::detector).thenComparing(Suppression::peer))
        .toList();
    List<String> confirmed = feedback.confirmedDetectors().stream().sorted().toList();
    return new ModelState(baseline.windows(), baseline.isWarm(), warmupWindows, neural, suppressions, confirmed);
  }
}
