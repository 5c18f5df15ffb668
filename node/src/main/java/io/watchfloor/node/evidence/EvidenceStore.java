package io.watchfloor.node.evidence;

import java.io.IOException;
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

  /**
   * Opens the packet ring of a live segment under {@code directory/<segment>} (adopting chunks an
   * earlier run left there) and registers it as that segment's evidence. The caller appends and
   * closes it.
   */
  public PacketRing openRing(String segment, int linkType) throws IOException {
    PacketRing ring = new PacketRing(settings.directory().resolve(directoryName(segment)), linkType, settings);
    sources.put(segment, ring);
    return ring;
  }

  /** A segment name as one safe path element: no separators, no "." or "..". */
  static String directoryName(String segment) {
    String safe = segment.replaceAll("[^A-Za-z0-9_.-]", "_");
    return safe.startsWith(".") ? "_" + safe : safe;
  }

  public Optional<EvidenceSource> source(String segment) {
    return Optional.ofNullable(sources.get(segment));
  }
}
