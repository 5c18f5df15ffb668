package io.watchfloor.node.capture;

import java.nio.file.Path;

/** Opens the packet source a capture spec names. */
public final class PacketSources {
  private PacketSources() {}

  static PacketSource open(CaptureSpec spec, CaptureSettings settings) {
    if (spec.live()) {
      return LibpcapSource.live(spec.networkInterface(), spec.filter(), settings);
    }
    Path file = Path.of(spec.file());
    return settings.fileReader().equals("libpcap") ? LibpcapSource.file(file) : new MappedFileSource(file);
  }

  /** Checks that a capture file can be opened, without reading it; throws with a one-line reason. */
  public static void checkReadable(Path file) {
    MappedFileSource.closeQuietly(MappedFileSource.open(file));
  }
}
