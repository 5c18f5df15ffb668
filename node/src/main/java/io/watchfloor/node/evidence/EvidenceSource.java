package io.watchfloor.node.evidence;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Where one segment's packets can be read back from. */
public interface EvidenceSource {

  /**
   * The capture files that may hold packets between the two instants, oldest first, each with the
   * number of bytes that are complete and safe to read.
   */
  List<Part> parts(long fromNanos, long toNanos) throws IOException;

  /** A capture file, read up to {@code readableBytes}. */
  record Part(Path file, long readableBytes) {}
}
