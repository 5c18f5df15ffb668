package io.watchfloor.loadtest.synth;

import java.time.Duration;

/**
 * How the synthetic evaluation's site-model mode ({@link SiteModelReplay}) pools windows, trains the
 * site model and holds hosts back so that they appear once one exists.
 *
 * <p>The pooling fields are the node's {@code watchfloor.host.site-model} (SiteModelKeeper in
 * node/, whose settings loadtest cannot read: it does not depend on node); {@link #NODE_DEFAULTS}
 * repeats that reference.conf's defaults and must follow them.
 *
 * @param lateShare share of the internal hosts held back until the first site model is trained
 *     (chosen by a hash of the address, so the same hosts every run)
 * @param lateEvery at most one held-back host appears per this much capture time, so they start
 *     from site models of different ages
 * @param sampleEveryWindows a host offers one of every this many of its windows, if unflagged
 * @param minWindows pooled windows needed to train
 * @param minHosts distinct hosts among them
 * @param maxWindowsPerHost windows of one host the pool holds at most
 * @param poolSize windows the pool holds
 * @param retrainEvery capture time after which a newer model is trained from the windows pooled since
 * @param handOut false for a control run: models are pooled and trained alike, but the hosts that
 *     would start from one start with nothing, so their figures tell what being new costs without
 *     the site model
 */
public record SiteModelMode(double lateShare, Duration lateEvery, int sampleEveryWindows,
    int minWindows, int minHosts, int maxWindowsPerHost, int poolSize, Duration retrainEvery,
    boolean handOut) {

  /** The keeper's defaults; a quarter of the internal hosts late, one appearing every 10 minutes. */
  public static final SiteModelMode NODE_DEFAULTS =
      new SiteModelMode(0.25, Duration.ofMinutes(10), 6, 1000, 10, 100, 4000, Duration.ofHours(6),
          true);

  /** The same run with nothing handed out (see {@code handOut}). */
  public SiteModelMode control() {
    return new SiteModelMode(lateShare, lateEvery, sampleEveryWindows, minWindows, minHosts,
        maxWindowsPerHost, poolSize, retrainEvery, false);
  }

  public SiteModelMode {
    if (!(lateShare >= 0 && lateShare <= 1)) {
      throw new IllegalArgumentException("late share must be in [0, 1], was " + lateShare);
    }
    if (sampleEveryWindows < 1 || minWindows < 1 || minHosts < 1 || maxWindowsPerHost < 1
        || poolSize < minWindows || lateEvery.isNegative() || retrainEvery.isNegative()) {
      throw new IllegalArgumentException("bad site-model mode " + this);
    }
  }
}
