package io.watchfloor.protocol.netflow;

import io.watchfloor.protocol.flow.FlowRecord;
import io.watchfloor.protocol.ip.IpAddresses;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * NetFlow version 5 (Cisco, "NetFlow Export Datagram Format"): a 24-byte header and up to 30
 * fixed 48-byte records. Times in a record are milliseconds of router uptime; the header ties
 * uptime to the wall clock.
 */
public final class NetflowV5Decoder {

  public static final int VERSION = 5;
  public static final int HEADER_LENGTH = 24;
  public static final int RECORD_LENGTH = 48;
  /** Cisco's limit for one v5 datagram. */
  public static final int MAX_RECORDS = 30;
  public static final String ORIGIN = "netflow5";

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private NetflowV5Decoder() {}

  /**
   * Decodes one datagram, from its position to its limit; the buffer is not modified.
   *
   * @param exporter the exporter's address, kept as {@code observer.ip}; may be null
   * @throws NetflowDecodeException when the bytes are not a v5 datagram
   */
  public static List<FlowRecord> decode(ByteBuffer datagram, String exporter) {
    ByteBuffer b = datagram.slice();
    int length = b.remaining();
    if (length < HEADER_LENGTH) {
      throw new NetflowDecodeException("NetFlow v5 header needs " + HEADER_LENGTH
          + " bytes, datagram has " + length);
    }
    int version = b.getShort(0) & 0xffff;
    if (version != VERSION) {
      throw new NetflowDecodeException("expected NetFlow version 5, found " + version);
    }
    int count = b.getShort(2) & 0xffff;
    if (count > MAX_RECORDS) {
      throw new NetflowDecodeException("NetFlow v5 header announces " + count
          + " records, at most " + MAX_RECORDS + " are allowed");
    }
    int needed = HEADER_LENGTH + count * RECORD_LENGTH;
    if (length < needed) {
      throw new NetflowDecodeException("NetFlow v5 header announces " + count + " records ("
          + needed + " bytes), datagram has " + length);
    }
    long sysUptime = b.getInt(4) & 0xffff_ffffL;
    long unixSecs = b.getInt(8) & 0xffff_ffffL;
    long unixNsecs = b.getInt(12) & 0xffff_ffffL;
    FlowFields.UptimeBase clock =
        FlowFields.UptimeBase.ofExport(sysUptime, unixSecs * NANOS_PER_SECOND + unixNsecs);
    List<FlowRecord> flows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      flows.add(record(b, HEADER_LENGTH + i * RECORD_LENGTH, clock, exporter));
    }
    return flows;
  }

  private static FlowRecord record(ByteBuffer b, int at, FlowFields.UptimeBase clock,
      String exporter) {
    int protocol = b.get(at + 38) & 0xff;
    boolean ported = FlowFields.isPorted(protocol);
    return new FlowRecord(
        FlowFields.transport(protocol),
        IpAddresses.format(0, IpAddresses.ipv4Lo(b.getInt(at))),
        ported ? b.getShort(at + 32) & 0xffff : 0,
        IpAddresses.format(0, IpAddresses.ipv4Lo(b.getInt(at + 4))),
        ported ? b.getShort(at + 34) & 0xffff : 0,
        -1,
        b.getInt(at + 16) & 0xffff_ffffL,
        b.getInt(at + 20) & 0xffff_ffffL,
        0,
        0,
        clock.toEpochNanos(b.getInt(at + 24) & 0xffff_ffffL),
        clock.toEpochNanos(b.getInt(at + 28) & 0xffff_ffffL),
        null,
        null,
        null,
        FlowFields.END_REASON,
        ORIGIN,
        FlowFields.metadata(exporter, protocol == 6 ? b.get(at + 37) & 0xff : -1));
  }
}
