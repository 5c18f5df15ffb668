package io.watchfloor.models.detect;

import io.watchfloor.models.baseline.BaselineSettings;
import io.watchfloor.models.baseline.BaselineView;
import io.watchfloor.models.baseline.ContactMemory;
import io.watchfloor.models.baseline.HostBaseline;
import io.watchfloor.models.baseline.HostFeature;
import io.watchfloor.models.baseline.Novelty;
import io.watchfloor.models.score.SiteModel;
import io.watchfloor.models.score.TrainingJob;

import io.watchfloor.protocol.alert.Anomaly;
import io.watchfloor.protocol.alert.Explanation;
import io.watchfloor.protocol.alert.FeatureDeviation;
import io.watchfloor.protocol.host.HostWindow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything Watchfloor knows about one host, and the one place that judges its windows: runs the
 * detectors against the host's baseline for the window's hour, explains what they find, and learns
 * the window only when nothing was found (an attack must not become the new normal). Not
 * thread-safe: one per host entity.
 */
public final class HostAnalyzer {
  private static final int TOP_FEATURES = 3;
  static final int CONTACT_MEMORY = 4096;

  private final BaselineSettings baselineSettings;
  private final List<HostDetector> detectors;
  private final NeuralAnomalyCheck neural;
  private HostBaseline baseline;
  private ContactMemory contacts = new ContactMemory(CONTACT_MEMORY);
  private AnalystFeedback feedback = new AnalystFeedback();
  private HostWindow lastWindow;
  private double[] lastValues;
  private double[] lastNeuralInput;
  private long anomalies;

  public HostAnalyzer(BaselineSettings baselineSettings, List<HostDetector> detectors) {
    this(baselineSettings, detectors, Optional.empty());
  }

  /** @param neural the settings of the {@code neural_anomaly} detector, if it is on */
  public HostAnalyzer(
      BaselineSettings baselineSettings, List<HostDetector> detectors, Optional<NeuralDetectorSettings> neural) {
    this.baselineSettings = baselineSettings;
    this.detectors = List.copyOf(detectors);
    this.baseline = new HostBaseline(baselineSettings);
    this.neural = neural.map(n -> new NeuralAnomalyCheck(n.scorer(), baselineSettings.timeZone(),
        n.alertRatio(), n.realertAfter().toMillis(), n.minChangeShare())).orElse(null);
  }

  public HostBaseline baseline() {
    return baseline;
  }

  public Optional<HostWindow> lastWindow() {
    return Optional.ofNullable(lastWindow);
  }

  public long anomaliesRaised() {
    return anomalies;
  }

  /** Judges one window and returns the anomalies it raised (often none). */
  public List<Anomaly> analyze(HostWindow window, long nowMillis) {
    Novelty novelty = contacts.novelty(window.flows());
    double[] values = HostFeature.vectorOf(window, novelty);
    BaselineView usual = baseline.at(window.windowStartMillis());
    List<Finding> findings = new ArrayList<>(2);
    for (HostDetector d : detectors) {
      d.inspect(window, usual, values).ifPresent(findings::add);
    }
    boolean othersFound = !findings.isEmpty();
    double[] neuralInput = neural == null ? null : neural.input(window, values);
    if (neural != null) {
      neural.judge(window, neuralInput, usual).ifPresent(findings::add);
    }
    if (!feedback.isEmpty()) {
      findings = findings.stream()
          .map(f -> feedback.apply(f, window.windowStartMillis()))
          .flatMap(Optional::stream)
          .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    }
    List<FeatureDeviation> top = topDeviations(usual, values);
    List<Anomaly> out = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      out.add(toAnomaly(window, f, top, nowMillis));
    }
    if (findings.isEmpty()) {
      baseline.update(values, window.windowStartMillis());
      contacts.learn(window.flows());
    }
    if (neural != null && !othersFound) {
      neural.learn(neuralInput);
    }
    lastWindow = window;
    lastValues = values;
    lastNeuralInput = neuralInput;
    anomalies += out.size();
    return out;
  }

  /** Where the host's models stand, for the API: suppressions still in force at its last window. */
  public io.watchfloor.protocol.api.ModelState modelState() {
    return ModelStates.of(baseline, baselineSettings.warmupWindows(), neural == null ? null : neural.scorer(),
        feedback, lastWindow == null ? Long.MIN_VALUE : lastWindow.windowStartMillis());
  }

  /**
   * Lets a new host score with its site's model ({@link SiteModel}, trained on windows pooled from
   * many hosts, vectors as {@link #lastNeuralInput}) during its grace period instead of not at all.
   *
   * @return false when the neural detector is off, the host has already learned windows of its
   *     own, or the site model was built for another feature vector
   */
  public boolean startFromSite(SiteModel site) {
    return neural != null && neural.startFromSite(site);
  }

  /**
   * Leaves the neural scorer's trainings (DL4J, blocking, up to seconds) to the caller: {@link
   * #analyze} no longer trains; after it, {@link #dueTraining} hands out a training when one is due,
   * to run where blocking is allowed and {@link #install} before the next window, so the results
   * are the same as training in place.
   */
  public void trainElsewhere() {
    if (neural != null) {
      neural.trainElsewhere();
    }
  }

  /** A training of the neural scorer, when it is left to the caller ({@link #trainElsewhere}) and due. */
  public Optional<TrainingJob> dueTraining() {
    return neural == null ? Optional.empty() : neural.dueTraining();
  }

  /** Takes a training from {@link #dueTraining} that has run. */
  public void install(TrainingJob job) {
    neural.install(job);
  }

  /**
   * The neural detector's input of the last window analysed (its features against the contact
   * memory as it was before that window, plus the hour of day), e.g. to pool windows for a site
   * model; empty when the detector is off or no window was analysed.
   */
  public Optional<double[]> lastNeuralInput() {
    return Optional.ofNullable(lastNeuralInput).map(double[]::clone);
  }

  /** What analysts said about this host's anomalies (false positives suppress, true positives escalate). */
  public AnalystFeedback feedback() {
    return feedback;
  }

  /** The last window's features against the baseline for its hour, most unusual first. */
  public List<FeatureDeviation> currentDeviations() {
    if (lastWindow == null) {
      return List.of();
    }
    return baseline.at(lastWindow.windowStartMillis()).deviations(lastValues);
  }

  /**
   * The host's learnt state (baseline, contact memory, neural scorer, analyst feedback, the history
   * detectors keep such as beaconing's connection starts and lateral movement's admin history) as
   * bytes, for the host snapshot.
   */
  public byte[] snapshot() {
    Map<String, byte[]> histories = new LinkedHashMap<>();
    for (HostDetector d : detectors) {
      byte[] h = d.history();
      if (h.length > 0) {
        histories.put(d.id(), h);
      }
    }
    return HostState.write(baseline.toBytes(), contacts.toBytes(),
        neural == null ? new byte[0] : neural.toBytes(), feedback.toBytes(), histories);
  }

  /** Restores what {@link #snapshot()} wrote (or a baseline-only snapshot of older builds). */
  public void restore(byte[] snapshot) {
    HostState state = HostState.read(snapshot);
    this.baseline = HostBaseline.fromBytes(state.baseline(), baselineSettings);
    this.contacts =
        state.contacts().length == 0
            ? new ContactMemory(CONTACT_MEMORY)
            : ContactMemory.fromBytes(state.contacts(), CONTACT_MEMORY);
    if (neural != null && state.neural().length > 0) {
      neural.restore(state.neural());
    }
    this.feedback = AnalystFeedback.fromBytes(state.feedback());
    for (HostDetector d : detectors) {
      d.restoreHistory(state.detectors().getOrDefault(d.id(), new byte[0]));
    }
  }

  private static List<FeatureDeviation> topDeviations(BaselineView usual, double[] values) {
    List<FeatureDeviation> all = usual.deviations(values);
    return all.subList(0, Math.min(TOP_FEATURES, all.size()));
  }

  private static Anomaly toAnomaly(
      HostWindow w, Finding f, List<FeatureDeviation> top, long nowMillis) {
    return new Anomaly(
        Anomaly.idFor(w.site(), w.host(), f.detector(), w.windowStartMillis()),
        w.site(),
        w.segment(),
        w.host(),
        f.detector(),
        f.category(),
        f.severity(),
        f.score(),
        w.windowStartMillis(),
        w.windowEndMillis(),
        nowMillis,
        w.host(),
        f.destinationIp(),
        f.destinationPort(),
        f.transport(),
        new Explanation(f.summary(), top, f.evidence()));
  }
}
