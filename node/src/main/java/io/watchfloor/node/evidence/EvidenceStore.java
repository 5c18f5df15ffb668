package io.watchfloor.node.evidence;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The evidence sources of the segments this node captures, by segment name. Thread-safe. */
public final class EvidenceStore {
  private final Map<String, EvidenceSource> sources = new ConcurrentHashMap<>();
  private final EvidenceSettings settings;

  public EvidenceStore(EvidenceSettings settings) {
    this.settings = settings;
  }

  public EvidenceSettings settings() {
    return settings;
  }

  public void register(String segment, EvidenceSource source) {
    sources.put(segment, source);
  }

  public Optional<EvidenceSource> source(String segment) {
    return Optional.ofNullable(sources.get(segment));
  }
}
