package io.watchfloor.node.http;

import io.watchfloor.protocol.api.Contact;
import io.watchfloor.protocol.host.FlowSummary;
import io.watchfloor.protocol.host.HostWindow;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A host's top peers and destination ports by bytes, from the flows it started in its last window
 * (the window the host entity keeps anyway: no per-host state is added for this).
 */
final class HostContacts {
  /** Entries per list in the host detail. */
  static final int TOP = 10;

  private HostContacts() {}

  static List<Contact> topPeers(HostWindow w) {
    return top(w, FlowSummary::peer);
  }

  static List<Contact> topPorts(HostWindow w) {
    return top(w, f -> (f.transport() == null ? "ip" : f.transport()) + "/" + f.peerPort());
  }

  private static List<Contact> top(HostWindow w, Function<FlowSummary, String> key) {
    if (w == null) {
      return List.of();
    }
    Map<String, long[]> sums = new HashMap<>();
    for (FlowSummary f : w.flows()) {
      long[] s = sums.computeIfAbsent(key.apply(f), k -> new long[3]);
      s[0] += f.bytesOut() + f.bytesIn();
      s[1] += f.packetsOut() + f.packetsIn();
      s[2]++;
    }
    return sums.entrySet().stream()
        .map(e -> new Contact(e.getKey(), e.getValue()[0], e.getValue()[1], (int) e.getValue()[2]))
        .sorted(Comparator.comparingLong(Contact::bytes).reversed().thenComparing(Contact::key))
        .limit(TOP)
        .toList();
  }
}
