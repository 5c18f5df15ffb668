package io.watchfloor.models.window;

import io.watchfloor.protocol.flow.FlowRecord;
import io.watchfloor.protocol.host.FlowSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * The flow summaries of one window, by host index: what a host started, bounded per host so a
 * scanner's thousand attempts do not turn into a thousand objects in one message.
 */
final class WindowFlows {
  /** Flows kept per host per window; the rest are counted. */
  static final int MAX_PER_HOST = 256;

  private final List<List<FlowSummary>> byHost = new ArrayList<>();
  private final List<Integer> omitted = new ArrayList<>();
  private int hostsWithFlows;

  void add(int host, FlowRecord r) {
    while (byHost.size() <= host) {
      byHost.add(null);
      omitted.add(0);
    }
    List<FlowSummary> list = byHost.get(host);
    if (list == null) {
      list = new ArrayList<>(4);
      byHost.set(host, list);
      hostsWithFlows++;
    }
    if (list.size() >= MAX_PER_HOST) {
      omitted.set(host, omitted.get(host) + 1);
      return;
    }
    list.add(summaryOf(r));
  }

  boolean has(int host) {
    return host < byHost.size() && byHost.get(host) != null;
  }

  List<FlowSummary> of(int host) {
    return host < byHost.size() && byHost.get(host) != null ? byHost.get(host) : List.of();
  }

  int omitted(int host) {
    return host < omitted.size() ? omitted.get(host) : 0;
  }

  void clear() {
    if (hostsWithFlows > 0) {
      byHost.clear();
      omitted.clear();
      hostsWithFlows = 0;
    }
  }

  private static FlowSummary summaryOf(FlowRecord r) {
    return new FlowSummary(
        r.destinationIp(),
        r.destinationPort(),
        r.sourcePort(),
        r.transport(),
        r.protocol(),
        r.startNanos() / 1_000_000L,
        r.endNanos() / 1_000_000L,
        r.sourcePackets(),
        r.sourceBytes(),
        r.destinationPackets(),
        r.destinationBytes(),
        r.state(),
        r.metadata());
  }
}
