package io.watchfloor.models.detect;

import io.watchfloor.models.baseline.HostFeature;
import io.watchfloor.models.score.NeuralScore;
import io.watchfloor.models.score.NeuralScorer;
import io.watchfloor.models.score.NeuralSettings;
import io.watchfloor.protocol.alert.Severity;
import io.watchfloor.protocol.host.HostWindow;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code neural_anomaly} detector: the host's own autoencoder (see {@link NeuralScorer}) over its
 * window features plus the time of day (as a point on a circle, so 23:00 is next to 00:00). A window
 * whose reconstruction error passes the host's threshold is an anomaly; the features the network
 * reconstructed worst explain it; it alerts at {@code alert-ratio} times the threshold, then stays
 * quiet for {@code realert-after}. Learns every window no other detector flagged — its own verdict
 * alone does not keep a window out, or a host whose evening differs from its morning would never
 * learn its evening; trains in place when a training is due. One per host.
 */
final class NeuralAnomalyCheck {
  static final String ID = "neural_anomaly";
  private static final int TOP = 3;
  private static final double HIGH_SEVERITY_RATIO = 5;

  private final NeuralSettings settings;
  private final ZoneId zone;
  private final double alertRatio;
  private final long realertAfterMillis;
  private NeuralScorer scorer;
  private long lastAlertMillis = Long.MIN_VALUE;

  /**
   * @param alertRatio reconstruction error, in multiples of the host's threshold, that alerts
   * @param realertAfterMillis quiet period after an alert (capture time)
   */
  NeuralAnomalyCheck(NeuralSettings settings, ZoneId zone, double alertRatio, long realertAfterMillis) {
    if (!(alertRatio >= 1)) {
      throw new IllegalArgumentException("watchfloor.models.neural.alert-ratio must be at least 1, was " + alertRatio);
    }
    this.settings = settings;
    this.zone = zone;
    this.alertRatio = alertRatio;
    this.realertAfterMillis = realertAfterMillis;
    this.scorer = new NeuralScorer(settings, dimension());
  }

  static int dimension() {
    return HostFeature.count() + 2;
  }

  /** The scorer's input: the feature vector, then sin and cos of the hour of day. */
  double[] input(HostWindow w, double[] features) {
    double[] v = new double[dimension()];
    System.arraycopy(features, 0, v, 0, features.length);
    var t = Instant.ofEpochMilli(w.windowStartMillis()).atZone(zone);
    double hour = t.getHour() + t.getMinute() / 60.0;
    v[features.length] = Math.sin(2 * Math.PI * hour / 24);
    v[features.length + 1] = Math.cos(2 * Math.PI * hour / 24);
    return v;
  }

  Optional<Finding> judge(HostWindow w, double[] input) {
    Optional<NeuralScore> score = scorer.score(input);
    if (score.isEmpty() || score.get().ratio() < alertRatio) {
      return Optional.empty();
    }
    long now = w.windowStartMillis();
    if (lastAlertMillis != Long.MIN_VALUE && now - lastAlertMillis < realertAfterMillis) {
      return Optional.empty();
    }
    lastAlertMillis = now;
    NeuralScore s = score.get();
    double[] errors = s.featureErrors();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < errors.length; i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble((Integer i) -> errors[i]).reversed());
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("reconstruction_error", format(s.error()));
    evidence.put("threshold", format(s.threshold()));
    evidence.put("error_ratio", format(s.ratio()));
    evidence.put("trainings", Integer.toString(scorer.trainings()));
    List<String> worst = new ArrayList<>();
    for (int k = 0; k < Math.min(TOP, order.size()); k++) {
      int i = order.get(k);
      String name = featureName(i);
      worst.add(name);
      evidence.put("feature." + name, format(input[i]) + " (error share " + format(errors[i] / Math.max(s.error(), 1e-12)) + ")");
    }
    String summary = String.format(Locale.ROOT,
        "%s does not behave like itself: its autoencoder's reconstruction error is %.1f times its threshold,"
            + " worst on %s", w.host(), s.ratio(), String.join(", ", worst));
    Severity severity = s.ratio() >= HIGH_SEVERITY_RATIO ? Severity.HIGH : Severity.MEDIUM;
    return Optional.of(new Finding(ID, "anomaly", severity, s.ratio(), null, null, null, summary, evidence));
  }

  /** Learns a normal window; trains now if a training became due. */
  void learn(double[] input) {
    if (scorer.learn(input)) {
      scorer.trainNow();
    }
  }

  /** The host's scorer, to read its state (never to learn or train through). */
  NeuralScorer scorer() {
    return scorer;
  }

  byte[] toBytes() {
    return scorer.toBytes();
  }

  void restore(byte[] bytes) {
    NeuralScorer restored = NeuralScorer.fromBytes(settings, bytes);
    if (restored.dimension() == dimension()) {
      scorer = restored; // a build with other features starts the scorer afresh
    }
  }

  private static String featureName(int i) {
    int n = HostFeature.count();
    if (i < n) {
      return HostFeature.at(i).id();
    }
    return i == n ? "hour_of_day_sin" : "hour_of_day_cos";
  }

  private static String format(double v) {
    return String.format(Locale.ROOT, "%.3g", v);
  }
}
