package io.watchfloor.models.detect;

import io.watchfloor.models.baseline.BaselineView;
import io.watchfloor.protocol.host.HostWindow;
import java.util.Optional;

/**
 * One named way a host window can be anomalous. Each host analyzer has its own instances, called
 * from one thread: a detector may keep history of its host across windows (beaconing, lateral
 * movement, exfiltration do).
 */
public interface HostDetector {

  /** The detector id, used as ECS {@code rule.name}. */
  String id();

  /**
   * @param window the host's traffic in one window
   * @param baseline the host's baseline before this window was learned
   * @param values the window's feature vector ({@code HostFeature} order)
   */
  Optional<Finding> inspect(HostWindow window, BaselineView baseline, double[] values);

  /**
   * The history this detector keeps of its host, as versioned bytes for the host snapshot; empty
   * (the default) when it keeps none worth carrying over a passivation or fail-over.
   */
  default byte[] history() {
    return new byte[0];
  }

  /**
   * Restores what {@link #history()} wrote. Bytes of an unknown version are ignored (the detector
   * starts afresh), so an old or newer snapshot never stops a host from waking.
   */
  default void restoreHistory(byte[] bytes) {}
}
