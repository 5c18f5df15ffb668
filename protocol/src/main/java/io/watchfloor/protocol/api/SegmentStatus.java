package io.watchfloor.protocol.api;

import io.watchfloor.protocol.CborSerializable;
import java.util.Map;

/**
 * A capture segment's progress and statistics.
 *
 * @param state IDLE, STARTING, RUNNING, WAITING (a live segment away from the node of its interface,
 *     which is not running: it does not capture until that node is back), COMPLETED or FAILED
 * @param node cluster address of the node the segment runs on: where it captures while STARTING or
 *     RUNNING, where it waits while WAITING
 * @param error what stopped or cut the capture short, or why a segment waits, or null
 * @param badInput whether that was the input's fault (not a capture file, truncated, no such
 *     interface) rather than Watchfloor's
 * @param bytesRead bytes of the file read so far (files only)
 * @param totalBytes size of the file, or -1 for a live interface
 * @param kernelDrops packets (NetFlow: datagrams) the kernel dropped because capture fell behind
 *     (live interfaces and NetFlow only)
 * @param decodeErrors NetFlow/IPFIX datagrams that did not decode (NetFlow only)
 * @param windowsDelivered host windows acknowledged by host entities
 * @param anomalies anomalies those host entities raised and stored
 */
public record SegmentStatus(
    String segment,
    String source,
    String state,
    String node,
    String error,
    boolean badInput,
    long packets,
    long bytes,
    long malformed,
    Map<String, Long> malformedByKind,
    long nonIp,
    long hostOverflow,
    long flows,
    long hosts,
    long bytesRead,
    long totalBytes,
    long kernelDrops,
    long decodeErrors,
    long windowsDelivered,
    long anomalies,
    long startedAtMillis,
    long finishedAtMillis)
    implements CborSerializable {

  public SegmentStatus {
    malformedByKind = Map.copyOf(malformedByKind);
  }

  public boolean finished() {
    return "COMPLETED".equals(state) || "FAILED".equals(state);
  }
}
