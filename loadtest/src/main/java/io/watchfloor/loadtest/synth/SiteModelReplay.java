package io.watchfloor.loadtest.synth;

import io.watchfloor.models.detect.AddressScope;
import io.watchfloor.models.detect.HostAnalyzer;
import io.watchfloor.models.score.NeuralSettings;
import io.watchfloor.models.score.NormalWindowPool;
import io.watchfloor.models.score.SiteModel;
import io.watchfloor.protocol.alert.Anomaly;
import io.watchfloor.protocol.api.ModelState.NeuralState;
import io.watchfloor.protocol.host.HostWindow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The node's site model in a replay: what SiteModelKeeper and HostMonitor do with the same models/
 * classes. Every host offers one of every {@code sampleEveryWindows} of its windows, when nothing
 * flagged it ({@link HostAnalyzer#lastNeuralInput}), to a {@link NormalWindowPool}; once the pool
 * {@link NormalWindowPool#holds holds} enough windows of enough hosts and no model was trained, or
 * the last is older than {@code retrainEvery}, a {@link SiteModel} is trained from the drained pool;
 * a host whose first window comes after that starts from the newest one
 * ({@link HostAnalyzer#startFromSite}). A share of the internal hosts is held back until the first
 * model exists, so that some hosts do.
 *
 * <p>Differences from the node: time is capture time (the keeper's retrain clock is the wall
 * clock), and training is synchronous, so a model is handed out from the window after the one that
 * completed the pool (in the node, seconds of training later).
 */
final class SiteModelReplay implements HostLifecycle {

  /** One site model trained during the replay. */
  record Training(long atMillis, long windows, int hosts) {}

  /** How a host started (SITE in a control run: when it would have started from the model). */
  enum Start { OWN, SITE }

  private static final long LATE_SALT = 0x5EED51DEL;

  private final SiteModelMode mode;
  private final NeuralSettings neural;
  private final NormalWindowPool pool;
  private final List<Training> trainings = new ArrayList<>();
  private final Map<String, Long> startMillis = new HashMap<>();
  private final Map<String, Start> starts = new HashMap<>();
  private final Map<String, Integer> windowsSeen = new HashMap<>();
  private final Set<String> onSiteModel = new HashSet<>();
  private final Set<String> scoredBySiteModel = new HashSet<>();
  private SiteModel current;
  private long trainedAtMillis;
  private long nextAdmissionMillis = Long.MAX_VALUE;
  private long siteScoredWindows;

  SiteModelReplay(SiteModelMode mode, NeuralSettings neural) {
    this.mode = mode;
    this.neural = neural;
    this.pool = new NormalWindowPool(mode.poolSize(), mode.maxWindowsPerHost(), neural.seed());
  }

  /** Internal hosts picked by a hash of their address to appear only once a site model exists. */
  boolean isLate(String host) {
    if (AddressScope.of(host) != AddressScope.INTERNAL) {
      return false;
    }
    long h = (host.hashCode() + LATE_SALT) * 0x9E3779B97F4A7C15L;
    h ^= h >>> 31;
    h *= 0xBF58476D1CE4E5B9L;
    h ^= h >>> 29;
    return (h >>> 11) * 0x1.0p-53 < mode.lateShare();
  }

  @Override
  public boolean admits(HostWindow w) {
    if (starts.containsKey(w.host()) || !isLate(w.host())) {
      return true;
    }
    if (w.windowStartMillis() < nextAdmissionMillis) {
      return false;
    }
    nextAdmissionMillis = w.windowStartMillis() + mode.lateEvery().toMillis();
    return true;
  }

  @Override
  public void started(HostWindow first, HostAnalyzer analyzer) {
    // As HostMonitor: a host with no state asks for the newest model before its first window.
    // A control run marks the hosts that would have started from the model but starts them empty.
    boolean site = current != null && (!mode.handOut() || analyzer.startFromSite(current));
    starts.put(first.host(), site ? Start.SITE : Start.OWN);
    startMillis.put(first.host(), first.windowStartMillis());
    if (site && mode.handOut()) {
      onSiteModel.add(first.host());
    }
  }

  @Override
  public void analyzed(HostWindow w, HostAnalyzer analyzer, List<Anomaly> found) {
    String host = w.host();
    if (onSiteModel.contains(host)) {
      siteScoredWindows++;
      found.forEach(a -> scoredBySiteModel.add(a.id()));
      NeuralState state = analyzer.modelState().neural();
      if (state == null || !"site_model".equals(state.training())) {
        onSiteModel.remove(host);
      }
    }
    // As HostMonitor: a host seen in fewer windows than sample-every-windows offers none.
    int seen = windowsSeen.merge(host, 1, Integer::sum);
    if (seen % mode.sampleEveryWindows() == 0 && found.isEmpty()) {
      analyzer.lastNeuralInput().ifPresent(v -> pool.offer(host, v));
    }
    trainIfDue(w.windowEndMillis());
  }

  private void trainIfDue(long nowMillis) {
    boolean due = current == null || nowMillis >= trainedAtMillis + mode.retrainEvery().toMillis();
    if (!due || !pool.holds(mode.minWindows(), mode.minHosts())) {
      return;
    }
    int hosts = pool.hosts();
    current = SiteModel.train(neural, pool.drain());
    trainedAtMillis = nowMillis;
    trainings.add(new Training(nowMillis, current.windows(), hosts));
    if (nextAdmissionMillis == Long.MAX_VALUE) {
      nextAdmissionMillis = nowMillis;
    }
  }

  /** How each analysed host started (hosts held back and never admitted are absent). */
  Map<String, Start> starts() {
    return Map.copyOf(starts);
  }

  /** Capture time of each analysed host's first window. */
  Map<String, Long> startMillis() {
    return Map.copyOf(startMillis);
  }

  List<Training> trainings() {
    return List.copyOf(trainings);
  }

  /** Windows judged by hosts still scoring with the site model (no training of their own yet). */
  long siteScoredWindows() {
    return siteScoredWindows;
  }

  /** Ids of the anomalies raised while their host still scored with the site model. */
  Set<String> scoredBySiteModel() {
    return Set.copyOf(scoredBySiteModel);
  }
}
