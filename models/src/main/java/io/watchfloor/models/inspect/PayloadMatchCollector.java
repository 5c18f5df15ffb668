package io.watchfloor.models.inspect;

import io.watchfloor.protocol.host.PayloadMatch;
import io.watchfloor.protocol.host.PayloadMatches;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The payload matches of the open window, per host: one counted entry per (source, kind, peer,
 * peer port), at most {@code maxPerHost} entries per host, further ones counted as omitted. Only
 * redacted snippets ever enter. Allocates only when something was found. Not thread-safe: one per
 * segment.
 */
public final class PayloadMatchCollector {
  private final int maxPerHost;
  private final Map<String, HostMatches> byHost = new HashMap<>();

  public PayloadMatchCollector(int maxPerHost) {
    this.maxPerHost = maxPerHost;
  }

  public boolean isEmpty() {
    return byHost.isEmpty();
  }

  void add(String host, Object flow, String source, String kind, String name, String category,
      int revision, String peer, int peerPort, String transport, String protocol, String redacted) {
    HostMatches h = byHost.computeIfAbsent(host, k -> new HostMatches());
    String key = source + '|' + kind + '|' + peer + '|' + peerPort;
    Entry e = h.entries.get(key);
    if (e == null) {
      if (h.entries.size() >= maxPerHost) {
        h.omitted++;
        return;
      }
      e = new Entry(source, kind, name, category, revision, peer, peerPort, transport, protocol, redacted);
      h.entries.put(key, e);
    }
    e.count++;
    if (e.lastFlow != flow) {
      e.flows++;
      e.lastFlow = flow;
    }
  }

  /** The host's matches of the window, or {@link PayloadMatches#NONE}. */
  public PayloadMatches of(String host) {
    HostMatches h = byHost.get(host);
    if (h == null) {
      return PayloadMatches.NONE;
    }
    List<PayloadMatch> out = new ArrayList<>(h.entries.size());
    for (Entry e : h.entries.values()) {
      out.add(new PayloadMatch(e.source, e.kind, e.name, e.category, e.revision, e.peer, e.peerPort,
          e.transport, e.protocol, e.count, e.flows, e.redacted));
    }
    return new PayloadMatches(out, h.omitted);
  }

  /** Hosts with matches in the window. */
  public java.util.Set<String> hosts() {
    return byHost.keySet();
  }

  public void clear() {
    byHost.clear();
  }

  private static final class HostMatches {
    final Map<String, Entry> entries = new LinkedHashMap<>();
    int omitted;
  }

  private static final class Entry {
    final String source;
    final String kind;
    final String name;
    final String category;
    final int revision;
    final String peer;
    final int peerPort;
    final String transport;
    final String protocol;
    final String redacted;
    int count;
    int flows;
    Object lastFlow;

    Entry(String source, String kind, String name, String category, int revision, String peer,
        int peerPort, String transport, String protocol, String redacted) {
      this.source = source;
      this.kind = kind;
      this.name = name;
      this.category = category;
      this.revision = revision;
      this.peer = peer;
      this.peerPort = peerPort;
      this.transport = transport;
      this.protocol = protocol;
      this.redacted = redacted;
    }
  }
}
