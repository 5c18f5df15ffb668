package io.watchfloor.node.capture;

import io.watchfloor.node.evidence.EvidenceStore;
import java.nio.file.Path;

/** Opens the packet source a capture spec names. */
public final class PacketSources {
  private PacketSources() {}

  static PacketSource open(CaptureSpec spec, CaptureSettings settings) {
    return open(spec, settings, null);
  }

  /** @param evidence where a live segment keeps its packet ring; null keeps none */
  static PacketSource open(CaptureSpec spec, CaptureSettings settings, EvidenceStore evidence) {
    if (spec.live()) {
      return LibpcapSource.live(spec.segment(), spec.networkInterface(), spec.filter(), settings, evidence);
    }
    Path file = Path.of(spec.file());
    return settings.fileReader().equals("libpcap") ? LibpcapSource.file(file) : new MappedFileSource(file);
  }

  /** Checks that a capture file can be opened, without reading it; throws with a one-line reason. */
  public static void checkReadable(Path file) {
    MappedFileSource.closeQuietly(MappedFileSource.open(file));
  }
}
