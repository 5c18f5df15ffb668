package io.watchfloor.node.capture;

import io.watchfloor.protocol.host.HostWindow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Regroups the host windows of several consecutive capture windows by host: each host's windows in
 * time order, as one delivery, so a replayed file costs one reliable-delivery message per host and
 * batch instead of one per window. A delivery closes at {@link #MAX_FLOWS} flows, so one message
 * stays well inside Artery's frame size; a window with more than that goes alone.
 */
final class HostBatches {
  /** Flow summaries one delivery carries at most (unless its one window has more). */
  static final int MAX_FLOWS = 512;

  private HostBatches() {}

  /** @param captureWindows the host windows of each closed capture window, oldest first */
  static List<List<HostWindow>> byHost(List<List<HostWindow>> captureWindows) {
    Map<String, List<List<HostWindow>>> byHost = new LinkedHashMap<>();
    Map<String, Integer> flowsInLast = new LinkedHashMap<>();
    for (List<HostWindow> closed : captureWindows) {
      for (HostWindow w : closed) {
        List<List<HostWindow>> deliveries = byHost.computeIfAbsent(w.hostKey(), k -> new ArrayList<>());
        int flows = w.flows().size();
        int before = flowsInLast.getOrDefault(w.hostKey(), 0);
        if (deliveries.isEmpty() || before + flows > MAX_FLOWS) {
          deliveries.add(new ArrayList<>());
          before = 0;
        }
        deliveries.get(deliveries.size() - 1).add(w);
        flowsInLast.put(w.hostKey(), before + flows);
      }
    }
    List<List<HostWindow>> out = new ArrayList<>();
    byHost.values().forEach(out::addAll);
    return out;
  }
}
