package io.watchfloor.node.evidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A file segment's evidence is its capture file: nothing is copied while analysing. */
public record FileEvidence(Path file) implements EvidenceSource {

  @Override
  public List<Part> parts(long fromNanos, long toNanos) throws IOException {
    return List.of(new Part(file, Files.size(file)));
  }
}
