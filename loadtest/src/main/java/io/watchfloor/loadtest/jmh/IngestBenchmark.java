package io.watchfloor.loadtest.jmh;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.watchfloor.models.flow.FlowSettings;
import io.watchfloor.models.flow.FlowTable;
import io.watchfloor.protocol.decode.DecodedPacket;
import io.watchfloor.protocol.decode.PacketDecoder;
import io.watchfloor.protocol.pcap.CaptureFileReader;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ingest cost per packet over the memory-mapped bench capture, one thread: (a) pcap framing
 * only, (b) framing + Ethernet/IP/transport decode, (c) framing + decode + the flow table
 * ({@link FlowTable} with reference.conf's {@code watchfloor.models.flows}, as {@code watchfloor
 * flows} builds it; the sink only counts records; at the end of the file the table is flushed, as
 * at the end of a real run, and the next pass starts with the same, grown table). One operation = one packet; the score is
 * ns/packet (packets/s per core = 10^9 / score). Run with {@code -prof gc} to see allocation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class IngestBenchmark {

  @State(Scope.Thread)
  public static class Input {
    BenchFile file;
    final PacketDecoder decoder = new PacketDecoder();

    @Setup(Level.Trial)
    public void open() {
      file = new BenchFile();
    }

    @TearDown(Level.Trial)
    public void close() {
      file.close();
    }
  }

  @State(Scope.Thread)
  public static class Flows {
    BenchFile file;
    final PacketDecoder decoder = new PacketDecoder();
    FlowTable table;
    long records;

    /** reference.conf's dedup setting ("on"), or the table without the duplicate check. */
    @Param({"on", "off"})
    public String dedup;

    @Setup(Level.Trial)
    public void open() {
      Config models = ConfigFactory.load().getConfig("watchfloor.models");
      FlowSettings s = FlowSettings.create(models);
      if (dedup.equals("off")) {
        s = new FlowSettings(s.maxFlows(), s.tcpIdleNanos(), s.udpIdleNanos(), s.icmpIdleNanos(),
            s.arpIdleNanos(), s.otherIdleNanos(), s.activeTimeoutNanos(), s.payloadPackets(),
            s.payloadBytes(), false, s.dedupWindowNanos());
      }
      table = new FlowTable(s, flow -> records++);
      file = new BenchFile(() -> table.flushAll());
    }

    @TearDown(Level.Trial)
    public void close() {
      file.close();
    }
  }

  /** (a) Record framing only: timestamp, lengths and the packet's range in the mapping. */
  @Benchmark
  @OperationsPerInvocation(BenchFile.BATCH)
  public long framing(Input in) {
    long acc = 0;
    for (int i = 0; i < BenchFile.BATCH; i++) {
      CaptureFileReader r = in.file.next();
      acc += r.capturedLength() + r.offset() + r.timestampNanos();
    }
    return acc;
  }

  /** (b) Framing + decode of link, network and transport headers into the reused view. */
  @Benchmark
  @OperationsPerInvocation(BenchFile.BATCH)
  public long decode(Input in) {
    long acc = 0;
    PacketDecoder decoder = in.decoder;
    for (int i = 0; i < BenchFile.BATCH; i++) {
      CaptureFileReader r = in.file.next();
      DecodedPacket p = decoder.decode(r.linkType(), r.buffer(), r.offset(), r.capturedLength(),
          r.originalLength(), r.timestampNanos());
      acc += p.srcLo() ^ p.dstLo() ^ p.srcPort() ^ ((long) p.dstPort() << 16) ^ p.ipProtocol()
          ^ p.tcpFlags() ^ p.payloadLength() ^ p.malformation().ordinal();
    }
    return acc;
  }

  /** (c) Framing + decode + bidirectional flow table. */
  @Benchmark
  @OperationsPerInvocation(BenchFile.BATCH)
  public long flowTable(Flows in) {
    PacketDecoder decoder = in.decoder;
    FlowTable table = in.table;
    for (int i = 0; i < BenchFile.BATCH; i++) {
      CaptureFileReader r = in.file.next();
      DecodedPacket p = decoder.decode(r.linkType(), r.buffer(), r.offset(), r.capturedLength(),
          r.originalLength(), r.timestampNanos());
      table.add(p, r.offset());
    }
    return in.records;
  }
}
