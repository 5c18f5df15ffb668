package io.watchfloor.models.detect;

import io.watchfloor.models.baseline.BaselineView;
import io.watchfloor.models.baseline.HostFeature;
import io.watchfloor.models.score.NeuralScore;
import io.watchfloor.models.score.NeuralScorer;
import io.watchfloor.models.score.NeuralSettings;
import io.watchfloor.models.score.SiteModel;
import io.watchfloor.models.score.TrainingJob;
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
 * quiet for {@code realert-after}. A material change is required as well: at least one of the
 * {@value #TOP} window features the network reconstructed worst must differ from the host's usual
 * value at this hour (its seasonal baseline slice) by {@code min-change-share} of that feature's
 * minimum excess ({@link HostFeature#minExcess()}), so a first failed connection of a host that
 * never had one (0 to 1: many standard deviations on a feature that never moved) is no alert; the
 * shape features (packet size and gap statistics) count only in windows of at least {@value
 * #MIN_SHAPE_PACKETS} packets, so a near-empty window of a busy server is no alert either. Learns every window no other detector flagged — its own verdict
 * alone does not keep a window out, or a host whose evening differs from its morning would never
 * learn its evening; trains in place when a training is due. One per host.
 */
final class NeuralAnomalyCheck {
  static final String ID = "neural_anomaly";
  private static final int PACKETS_IN = HostFeature.PACKETS_IN.ordinal();
  private static final int PACKETS_OUT = HostFeature.PACKETS_OUT.ordinal();
  private static final int TOP = 3;
  private static final double HIGH_SEVERITY_RATIO = 5;
  /**
   * Packets a window needs before its shape features (mean and spread of packet sizes and gaps)
   * count as a material change: over a handful of packets they are 0 or noise, and the near-empty
   * windows of a busy server (one late packet: spread 0 where hundreds of packets usually give
   * ~600 bytes) were most of the labeled run's false alerts.
   */
  static final int MIN_SHAPE_PACKETS = 20;

  private final NeuralSettings settings;
  private final ZoneId zone;
  private final double alertRatio;
  private final long realertAfterMillis;
  private final double minChangeShare;
  private NeuralScorer scorer;
  private long lastAlertMillis = Long.MIN_VALUE;
  private boolean trainsInline = true;

  /**
   * @param alertRatio reconstruction error, in multiples of the host's threshold, that alerts
   * @param realertAfterMillis quiet period after an alert (capture time)
   * @param minChangeShare share of a feature's minimum excess by which one of the worst-reconstructed
   *     features must differ from the host's usual at this hour (0: no such requirement)
   */
  NeuralAnomalyCheck(
      NeuralSettings settings, ZoneId zone, double alertRatio, long realertAfterMillis, double minChangeShare) {
    if (!(alertRatio >= 1)) {
      throw new IllegalArgumentException("watchfloor.models.neural.alert-ratio must be at least 1, was " + alertRatio);
    }
    if (!(minChangeShare >= 0)) {
      throw new IllegalArgumentException(
          "watchfloor.models.neural.min-change-share must not be negative, was " + minChangeShare);
    }
    this.minChangeShare = minChangeShare;
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

  /**
   * @param usual the host's baseline for this window's hour (before this window is learned)
   */
  Optional<Finding> judge(HostWindow w, double[] input, BaselineView usual) {
    Optional<NeuralScore> score = scorer.score(input);
    if (score.isEmpty() || score.get().ratio() < alertRatio) {
      return Optional.empty();
    }
    long now = w.windowStartMillis();
    if (lastAlertMillis != Long.MIN_VALUE && now - lastAlertMillis < realertAfterMillis) {
      return Optional.empty();
    }
    NeuralScore s = score.get();
    double[] errors = s.featureErrors();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < errors.length; i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble((Integer i) -> errors[i]).reversed());
    int changed = materialChange(order, input, usual);
    if (changed < 0) {
      return Optional.empty();
    }
    lastAlertMillis = now;
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("reconstruction_error", format(s.error()));
    evidence.put("threshold", format(s.threshold()));
    evidence.put("error_ratio", format(s.ratio()));
    evidence.put("trainings", Integer.toString(scorer.trainings()));
    if (changed < HostFeature.count()) {
      evidence.put("changed_feature", featureName(changed));
      evidence.put("changed_observed", format(input[changed]));
      evidence.put("changed_usual", format(usual.typical(changed)));
      evidence.put("baseline_scope", usual.scope());
    }
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

  /**
   * The first of the {@value #TOP} worst-reconstructed window features (time of day aside) whose
   * value differs materially from the usual at this hour; -1 when none does. With no requirement
   * ({@code min-change-share} 0), the feature count: any window may alert.
   */
  private int materialChange(List<Integer> order, double[] input, BaselineView usual) {
    if (minChangeShare == 0) {
      return HostFeature.count();
    }
    boolean shapeMeasured = input[PACKETS_IN] + input[PACKETS_OUT] >= MIN_SHAPE_PACKETS;
    int seen = 0;
    for (int i : order) {
      if (i >= HostFeature.count()) {
        continue;
      }
      HostFeature f = HostFeature.at(i);
      if ((f.flaggable() || shapeMeasured)
          && Math.abs(input[i] - usual.typical(i)) >= minChangeShare * f.minExcess()) {
        return i;
      }
      if (++seen == TOP) {
        break;
      }
    }
    return -1;
  }

  /**
   * Starts a host that has learned nothing yet from its site's model, so it scores from its first
   * window instead of after its grace period; its own first training then starts from the site's
   * weights. False (and nothing changes) when the host already learned windows or the model has
   * another dimension.
   */
  boolean startFromSite(SiteModel site) {
    if (scorer.learnedWindows() > 0 || scorer.isReady() || site.dimension() != dimension()) {
      return false;
    }
    scorer = NeuralScorer.fromSite(settings, site);
    return true;
  }

  /** Learns a normal window; trains now if a training became due, unless training is left to the caller. */
  void learn(double[] input) {
    if (scorer.learn(input) && trainsInline) {
      scorer.trainNow();
    }
  }

  /** From now on {@link #learn} never trains; {@link #dueTraining} hands the training out instead. */
  void trainElsewhere() {
    trainsInline = false;
  }

  /** A training to run elsewhere and {@link #install}, when training is left to the caller and one is due. */
  Optional<TrainingJob> dueTraining() {
    return !trainsInline && scorer.isTrainingDue() ? Optional.of(scorer.trainingJob()) : Optional.empty();
  }

  void install(TrainingJob job) {
    scorer.install(job);
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
