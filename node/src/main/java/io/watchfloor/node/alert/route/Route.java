package io.watchfloor.node.alert.route;

import java.time.Duration;
import java.util.List;

/**
 * One node of the routing tree with its settings already inherited from its parent (receiver,
 * group_by, timings), so a matched route is complete on its own.
 *
 * @param path where the route sits, e.g. {@code route.routes[1]}, for messages and routes/test
 * @param groupBy labels that make the group key; {@code ["..."]} groups by every label
 */
public record Route(
    String path,
    String receiver,
    List<Matcher> matchers,
    List<String> groupBy,
    Duration groupWait,
    Duration groupInterval,
    Duration repeatInterval,
    boolean continueMatching,
    List<String> activeTimeIntervals,
    List<String> muteTimeIntervals,
    List<Route> routes) {

  public Route {
    matchers = List.copyOf(matchers);
    groupBy = List.copyOf(groupBy);
    activeTimeIntervals = List.copyOf(activeTimeIntervals);
    muteTimeIntervals = List.copyOf(muteTimeIntervals);
    routes = List.copyOf(routes);
  }

  public boolean groupsByAll() {
    return groupBy.contains("...");
  }
}
