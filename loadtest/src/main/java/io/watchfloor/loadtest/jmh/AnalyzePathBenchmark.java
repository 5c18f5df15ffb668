package io.watchfloor.loadtest.jmh;

import com.typesafe.config.ConfigFactory;
import io.watchfloor.models.ModelSettings;
import io.watchfloor.models.inspect.PayloadInspectionSettings;
import io.watchfloor.models.inspect.RuleSet;
import io.watchfloor.models.inspect.SignatureRules;
import io.watchfloor.models.window.SegmentWindows;
import io.watchfloor.protocol.decode.DecodedPacket;
import io.watchfloor.protocol.decode.PacketDecoder;
import io.watchfloor.protocol.pcap.CaptureFileReader;
import java.util.List;
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
 * The capture side of {@code analyze} per packet, one thread, over the bench capture ({@link
 * BenchFile}): framing + decode + {@link SegmentWindows} (host windows, flow table, protocol guess
 * and, with {@code inspection = on}, payload scanning: sensitive data and 1,000 content rules from
 * {@link PayloadCorpus#rules} (none of which match), reference.conf's byte budget). At the end of the file the segment
 * finishes, as at the end of a run, and a new one starts. Score: ns/packet.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class AnalyzePathBenchmark {

  @State(Scope.Thread)
  public static class Segment {
    @Param({"off", "on"})
    public String inspection;

    final PacketDecoder decoder = new PacketDecoder();
    BenchFile file;
    ModelSettings settings;
    PayloadInspectionSettings payload;
    SignatureRules rules;
    SegmentWindows segment;
    long windows;

    @Setup(Level.Trial)
    public void open() {
      settings = ModelSettings.create(ConfigFactory.load());
      if (inspection.equals("on")) {
        PayloadInspectionSettings d = settings.detectors().payloadInspection();
        payload = new PayloadInspectionSettings(d.bytesPerFlow(), d.maxMatchesPerHost(), true,
            d.customPatterns(), true, List.of(), d.homeNet(), d.externalNet(), false, d.servicePolicy());
        rules = SignatureRules.of(RuleSet.load(List.of(new PayloadCorpus().writeRules(1000, 0)), payload.variables()));
      } else {
        payload = PayloadInspectionSettings.OFF;
        rules = null;
      }
      segment = newSegment();
      file = new BenchFile(() -> {
        windows += segment.finish().size();
        segment = newSegment();
      });
    }

    private SegmentWindows newSegment() {
      return new SegmentWindows("bench", "s", settings.window(), settings.flows(), payload, rules);
    }

    @TearDown(Level.Trial)
    public void close() {
      file.close();
    }
  }

  @Benchmark
  @OperationsPerInvocation(BenchFile.BATCH)
  public long segmentWindows(Segment s) {
    PacketDecoder decoder = s.decoder;
    for (int i = 0; i < BenchFile.BATCH; i++) {
      CaptureFileReader r = s.file.next();
      DecodedPacket p = decoder.decode(r.linkType(), r.buffer(), r.offset(), r.capturedLength(),
          r.originalLength(), r.timestampNanos());
      s.windows += s.segment.accept(p, r.offset()).size();
    }
    return s.windows;
  }
}
