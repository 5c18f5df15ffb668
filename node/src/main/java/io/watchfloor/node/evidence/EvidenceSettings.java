package io.watchfloor.node.evidence;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code watchfloor.evidence}: the packet ring of live segments and the pcap export of anomalies.
 *
 * @param directory where live segments keep their rings (one subdirectory per segment)
 * @param maxBytes bytes a segment's ring may hold; the oldest chunks go first
 * @param maxAge packets older than this (capture clock) are deleted with their chunk
 * @param chunkBytes a ring chunk is closed at this size ...
 * @param chunkAge ... or when its first packet is this old
 * @param snaplen bytes kept of each packet
 * @param before how far before the anomaly's window an export starts (flows are reported when they
 *     end, so their first packets can lie in earlier windows)
 * @param after how far after the window an export ends
 * @param maxExportBytes an export stops at this size
 */
public record EvidenceSettings(
    Path directory,
    long maxBytes,
    Duration maxAge,
    long chunkBytes,
    Duration chunkAge,
    int snaplen,
    Duration before,
    Duration after,
    long maxExportBytes) {

  private static final String KEY = "watchfloor.evidence.";

  public EvidenceSettings {
    require(maxBytes >= chunkBytes, "max-bytes must be at least chunk-bytes");
    require(chunkBytes >= 64 * 1024, "chunk-bytes must be at least 64KiB, was " + chunkBytes);
    require(!maxAge.isNegative() && !maxAge.isZero(), "max-age must be positive");
    require(!chunkAge.isNegative() && !chunkAge.isZero(), "chunk-age must be positive");
    require(snaplen >= 64 && snaplen <= 262_144, "snaplen must be 64-262144, was " + snaplen);
    require(!before.isNegative() && !after.isNegative(), "before and after must not be negative");
    require(maxExportBytes >= 1024, "max-export-bytes must be at least 1KiB");
  }

  /** @param home relative directories resolve against the Watchfloor home */
  public static EvidenceSettings create(Config root, Path home) {
    Config c = root.getConfig("watchfloor.evidence");
    Path dir = Path.of(c.getString("directory"));
    return new EvidenceSettings(
        dir.isAbsolute() ? dir : home.resolve(dir),
        c.getBytes("max-bytes"),
        c.getDuration("max-age"),
        c.getBytes("chunk-bytes"),
        c.getDuration("chunk-age"),
        c.getInt("snaplen"),
        c.getDuration("before"),
        c.getDuration("after"),
        c.getBytes("max-export-bytes"));
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(KEY + message);
    }
  }
}
