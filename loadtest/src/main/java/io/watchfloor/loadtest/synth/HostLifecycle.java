package io.watchfloor.loadtest.synth;

import io.watchfloor.models.detect.HostAnalyzer;
import io.watchfloor.protocol.alert.Anomaly;
import io.watchfloor.protocol.host.HostWindow;
import java.util.List;

/**
 * What happens around a host's analyzer in a replay: when a host appears, what it starts from, and
 * what its judged windows feed. {@link #NONE}: every host from its first window, from nothing.
 */
interface HostLifecycle {

  HostLifecycle NONE = new HostLifecycle() {};

  /** False while the host is not on the network yet: the window is not analysed. */
  default boolean admits(HostWindow window) {
    return true;
  }

  /** A new analyzer, before it judges its first window. */
  default void started(HostWindow first, HostAnalyzer analyzer) {}

  /** After the analyzer judged {@code window} and raised {@code found}. */
  default void analyzed(HostWindow window, HostAnalyzer analyzer, List<Anomaly> found) {}
}
