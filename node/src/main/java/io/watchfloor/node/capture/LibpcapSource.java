package io.watchfloor.node.capture;

import io.watchfloor.node.evidence.EvidenceStore;
import io.watchfloor.node.evidence.PacketRing;
import io.watchfloor.protocol.decode.DecodedPacket;
import io.watchfloor.protocol.decode.PacketDecoder;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.pcap4j.core.BpfProgram.BpfCompileMode;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapHandle.BlockingMode;
import org.pcap4j.core.PcapHandle.TimestampPrecision;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.Pcaps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Packets through libpcap (pcap4j): live interfaces, or files when {@code file-reader = libpcap}.
 * Only raw bytes are taken from pcap4j; its per-packet object parsing is far too slow for capture.
 *
 * <p>A live capture also appends every packet to its segment's {@link PacketRing}, on this same
 * capture thread, so the pcap of an anomaly of a live segment can be exported later. A ring that
 * fails (disk full) costs evidence, never detection: its errors are counted and logged once.
 */
final class LibpcapSource implements PacketSource {
  /** How long a live read waits when no packet is there: short next to any window length. */
  private static final long IDLE_WAIT_NANOS = 2_000_000;
  private static final Logger LOG = LoggerFactory.getLogger(LibpcapSource.class);

  private final PcapHandle handle;
  private final boolean live;
  private final long size;
  private final PacketDecoder decoder = new PacketDecoder();
  private final int linkType;
  private DecodedPacket packet;
  private long bytes;
  private PacketRing ring;
  private long ringErrors;

  private LibpcapSource(PcapHandle handle, boolean live, long size) {
    this.handle = handle;
    this.live = live;
    this.size = size;
    this.linkType = handle.getDlt().value();
  }

  /**
   * A live interface; with {@code evidence}, every packet also goes to the ring of {@code segment}
   * in it. A ring that cannot be opened is logged and capture goes on without evidence.
   */
  static LibpcapSource live(
      String segment, String interfaceName, String filter, CaptureSettings settings, EvidenceStore evidence) {
    LibpcapSource source = live(interfaceName, filter, settings);
    if (evidence != null) {
      try {
        source.ring = evidence.openRing(segment, source.linkType);
      } catch (IOException | UncheckedIOException e) {
        LOG.warn("Segment {}: no packet evidence, cannot open its ring in {}: {}",
            segment, evidence.settings().directory(), e.getMessage());
      }
    }
    return source;
  }

  static LibpcapSource live(String interfaceName, String filter, CaptureSettings settings) {
    PcapHandle handle;
    try {
      PcapNetworkInterface nif = Pcaps.getDevByName(interfaceName);
      if (nif == null) {
        throw new CaptureInputException("no such network interface: " + interfaceName);
      }
      handle =
          new PcapHandle.Builder(interfaceName)
              .snaplen(settings.snaplen())
              .promiscuousMode(settings.promiscuous() ? PromiscuousMode.PROMISCUOUS : PromiscuousMode.NONPROMISCUOUS)
              .timeoutMillis((int) Math.max(1, settings.readTimeout().toMillis()))
              .timestampPrecision(TimestampPrecision.NANO)
              // Hand packets over as they arrive: a partly filled kernel block is otherwise held
              // until more traffic comes, which would hold a quiet host's window back.
              .immediateMode(true)
              .build();
      // Linux's read timeout only starts with the first packet, so a quiet link would block the
      // capture thread for ever: read non-blocking and wait briefly when nothing is there.
      handle.setBlockingMode(BlockingMode.NONBLOCKING);
    } catch (PcapNativeException | NotOpenException e) {
      throw new CaptureInputException(
          "cannot capture on " + interfaceName + ": " + e.getMessage()
              + " (live capture needs root or CAP_NET_RAW, and libpcap installed)", e);
    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
      throw new CaptureInputException("libpcap is not installed (Debian: apt-get install libpcap0.8 libpcap-dev)", null);
    }
    applyFilter(handle, filter, interfaceName);
    return new LibpcapSource(handle, true, -1);
  }

  static LibpcapSource file(Path file) {
    PacketSources.checkReadable(file); // same checks and messages as the mapped reader
    try {
      long size = Files.size(file);
      return new LibpcapSource(Pcaps.openOffline(file.toString(), TimestampPrecision.NANO), false, size);
    } catch (PcapNativeException e) {
      throw new CaptureInputException(file + ": " + e.getMessage(), e);
    } catch (java.io.IOException e) {
      throw new CaptureInputException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static void applyFilter(PcapHandle handle, String filter, String where) {
    if (filter.isBlank()) {
      return;
    }
    try {
      handle.setFilter(filter, BpfCompileMode.OPTIMIZE);
    } catch (PcapNativeException | NotOpenException e) {
      handle.close();
      throw new CaptureInputException("bad BPF filter '" + filter + "' on " + where + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Next next() {
    byte[] raw;
    try {
      raw = handle.getNextRawPacketEx();
    } catch (TimeoutException e) {
      if (live) {
        LockSupport.parkNanos(IDLE_WAIT_NANOS);
      }
      return Next.IDLE;
    } catch (EOFException e) {
      return Next.END;
    } catch (PcapNativeException | NotOpenException e) {
      throw new CaptureInputException("capture failed: " + e.getMessage(), e);
    }
    Timestamp ts = handle.getTimestamp();
    long nanos = ts.getTime() / 1000 * 1_000_000_000L + ts.getNanos();
    int wire = handle.getOriginalLength();
    bytes += raw.length + 16;
    ByteBuffer frame = ByteBuffer.wrap(raw);
    if (ring != null) {
      keep(nanos, frame, raw.length, wire);
    }
    packet = decoder.decode(linkType, frame, 0, raw.length, wire, nanos);
    return Next.PACKET;
  }

  private void keep(long nanos, ByteBuffer frame, int captured, int wire) {
    try {
      ring.append(nanos, frame, 0, captured, wire);
    } catch (UncheckedIOException e) {
      if (ringErrors++ == 0) {
        LOG.warn("Packet evidence ring failed, packets are not kept while it fails: {}", e.getMessage());
      }
    }
  }

  @Override
  public DecodedPacket packet() {
    return packet;
  }

  @Override
  public int frameOffset() {
    return 0;
  }

  @Override
  public long position() {
    return live ? bytes : Math.min(bytes + 24, size);
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public long kernelDrops() {
    if (!live) {
      return 0;
    }
    try {
      PcapStat stat = handle.getStats();
      return stat.getNumPacketsDropped() + stat.getNumPacketsDroppedByIf();
    } catch (PcapNativeException | NotOpenException | UnsupportedOperationException e) {
      return 0;
    }
  }

  @Override
  public void close() {
    handle.close();
    if (ring != null) {
      try {
        ring.close();
      } catch (IOException e) {
        LOG.warn("Packet evidence ring did not close cleanly: {}", e.getMessage());
      }
    }
  }
}
