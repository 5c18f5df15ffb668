package io.watchfloor.node.alert.route;

import java.time.Instant;
import java.util.List;

/** A named Alertmanager time interval (on-call hours, maintenance windows): any of its periods. */
public record TimeInterval(String name, List<TimePeriod> periods) {
  public TimeInterval {
    periods = List.copyOf(periods);
  }

  public boolean contains(Instant t) {
    return periods.stream().anyMatch(p -> p.contains(t));
  }
}
