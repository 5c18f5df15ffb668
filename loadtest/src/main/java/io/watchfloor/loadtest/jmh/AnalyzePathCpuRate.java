package io.watchfloor.loadtest.jmh;

import com.typesafe.config.ConfigFactory;
import io.watchfloor.models.ModelSettings;
import io.watchfloor.models.inspect.PayloadInspectionSettings;
import io.watchfloor.models.inspect.RuleSet;
import io.watchfloor.models.inspect.SignatureRules;
import io.watchfloor.models.window.SegmentWindows;
import io.watchfloor.protocol.decode.PacketDecoder;
import io.watchfloor.protocol.pcap.CaptureFileReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;

/**
 * {@link AnalyzePathBenchmark}'s work in thread CPU time, for a machine shared with other jobs:
 * passes over the first N packets of the bench capture alternate between payload inspection off
 * and on (after one warm-up pass each), and CPU ns per packet are reported per setting. "On" is
 * reference.conf's payload settings (override with -Dwatchfloor.models.detectors...) with 1,000
 * content rules that match nothing.
 * Usage: {@code AnalyzePathCpuRate [packets per pass, default 1000000] [passes per setting, default 3]}.
 */
public final class AnalyzePathCpuRate {

  private AnalyzePathCpuRate() {}

  public static void main(String[] args) throws IOException {
    int packets = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path file = Path.of(System.getProperty(BenchFile.PROPERTY, ".work/bench/bench.pcap"));
    ModelSettings settings = ModelSettings.create(ConfigFactory.load());
    PayloadInspectionSettings d = settings.detectors().payloadInspection();
    PayloadInspectionSettings on = new PayloadInspectionSettings(d.bytesPerFlow(), d.maxMatchesPerHost(),
        d.sensitiveDataEnabled(), d.customPatterns(), d.signaturesEnabled(), List.of(), d.homeNet(),
        d.externalNet(), false, d.servicePolicy());
    SignatureRules rules = SignatureRules.of(
        RuleSet.load(List.of(new PayloadCorpus().writeRules(1000, 0)), on.variables()));
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[] cpu = new long[2];
    long[] windows = new long[2];
    for (int pass = -1; pass < passes; pass++) {
      for (int s = 0; s < 2; s++) {
        SegmentWindows segment = new SegmentWindows("bench", "s", settings.window(), settings.flows(),
            s == 0 ? PayloadInspectionSettings.OFF : on, s == 0 ? null : rules);
        PacketDecoder decoder = new PacketDecoder();
        long start = threads.getCurrentThreadCpuTime();
        long closed = 0;
        try (CaptureFileReader r = CaptureFileReader.open(file)) {
          for (int n = 0; n < packets && r.next(); n++) {
            closed += segment.accept(decoder.decode(r.linkType(), r.buffer(), r.offset(),
                r.capturedLength(), r.originalLength(), r.timestampNanos()), r.offset()).size();
          }
        }
        closed += segment.finish().size();
        if (pass >= 0) {
          cpu[s] += threads.getCurrentThreadCpuTime() - start;
          windows[s] += closed;
        }
      }
    }
    double off = (double) cpu[0] / ((long) packets * passes);
    double onNs = (double) cpu[1] / ((long) packets * passes);
    System.out.printf("inspection off: %.0f CPU-ns/packet (%.2f M packets per CPU-second), %d windows%n",
        off, 1e3 / off, windows[0] / passes);
    System.out.printf("inspection on:  %.0f CPU-ns/packet (%.2f M packets per CPU-second), %d windows%n",
        onNs, 1e3 / onNs, windows[1] / passes);
    System.out.printf("on / off: %.2f%n", onNs / off);
  }
}
