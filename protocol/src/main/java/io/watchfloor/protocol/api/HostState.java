package io.watchfloor.protocol.api;

import io.watchfloor.protocol.CborSerializable;
import io.watchfloor.protocol.alert.FeatureDeviation;
import io.watchfloor.protocol.host.HostWindow;
import java.util.List;

/**
 * What a host entity knows about its host right now (the live half of {@code GET
 * /api/v1/hosts/{ip}}).
 *
 * @param known false when the host has never been seen on this site
 * @param windowsLearned windows its baseline has learned
 * @param baselineWarm whether the baseline has enough windows to flag deviations
 * @param currentWindow the last window seen, or null
 * @param features that window's features against the baseline, most unusual first
 * @param lastSnapshotMillis when the state was last saved to Cassandra, or null
 * @param model where the host's models stand (baseline, neural scorer, analyst feedback), or null
 */
public record HostState(
    String site,
    String host,
    boolean known,
    long windowsLearned,
    boolean baselineWarm,
    long anomaliesRaised,
    HostWindow currentWindow,
    List<FeatureDeviation> features,
    Long lastSnapshotMillis,
    ModelState model)
    implements CborSerializable {

  public HostState {
    features = List.copyOf(features);
  }
}
