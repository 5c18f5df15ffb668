package io.watchfloor.loadtest.jmh;

import io.watchfloor.models.flow.StreamInspector;
import io.watchfloor.models.inspect.PayloadInspectionSettings;
import io.watchfloor.models.inspect.PayloadMatchCollector;
import io.watchfloor.models.inspect.PayloadScanner;
import io.watchfloor.models.inspect.RuleSet;
import io.watchfloor.models.inspect.ServicePolicy;
import io.watchfloor.models.inspect.SignatureRules;
import io.watchfloor.protocol.app.AppProtocol;
import io.watchfloor.protocol.decode.DecodedPacket;
import io.watchfloor.protocol.decode.PacketDecoder;
import io.watchfloor.protocol.pcap.LinkTypes;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * {@link PayloadScanBenchmark}'s work measured in the thread's CPU time instead of wall time: on a
 * machine shared with other jobs the wall clock counts the time the thread waited for a core, CPU
 * time does not. Prints bytes per CPU-second for each mode after a warm-up.
 * Usage: {@code PayloadScanCpuRate [seconds per mode, default 20]}.
 */
public final class PayloadScanCpuRate {

  private PayloadScanCpuRate() {}

  public static void main(String[] args) {
    // modes: signatures/N = 1,000 rules of which N match the corpus; sensitiveData = built-in patterns
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    PayloadCorpus corpus = new PayloadCorpus();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (String mode : List.of("signatures/0", "signatures/100", "sensitiveData")) {
      boolean signatures = mode.startsWith("signatures");
      int matching = signatures ? Integer.parseInt(mode.substring(mode.indexOf('/') + 1)) : 0;
      PayloadInspectionSettings settings = new PayloadInspectionSettings(Integer.MAX_VALUE, 64,
          !signatures, List.of(), signatures, List.of(), List.of("10.0.0.0/8"), "!$HOME_NET", false,
          ServicePolicy.NONE);
      SignatureRules rules = signatures
          ? SignatureRules.of(RuleSet.load(List.of(corpus.writeRules(1000, matching)), settings.variables()))
          : SignatureRules.of(RuleSet.EMPTY);
      PayloadMatchCollector collector = new PayloadMatchCollector(64);
      PayloadScanner scanner = new PayloadScanner(settings, rules, collector);
      PacketDecoder decoder = new PacketDecoder();
      long wallEnd = System.nanoTime() + seconds * 1_000_000_000L;
      long warmEnd = System.nanoTime() + seconds * 400_000_000L; // the first 40 % warms up
      long cpuStart = 0;
      long bytes = 0;
      boolean measuring = false;
      while (System.nanoTime() < wallEnd) {
        if (!measuring && System.nanoTime() >= warmEnd) {
          measuring = true;
          cpuStart = threads.getCurrentThreadCpuTime();
        }
        StreamInspector.Stream stream = null;
        for (ByteBuffer f : corpus.frames) {
          DecodedPacket p = decoder.decode(LinkTypes.ETHERNET, f, 0, f.limit(), f.limit(), 0);
          if (stream == null) {
            stream = scanner.open(p);
          }
          stream.accept(p, true, AppProtocol.UNKNOWN);
        }
        collector.clear();
        if (measuring) {
          bytes += corpus.payload.length;
        }
      }
      double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
      System.out.printf("%s: %d rules, %.1f MB scanned in %.2f CPU-s: %.0f MB per CPU-second%n", mode,
          rules.current().rules().size(), bytes / 1e6, cpuSeconds, bytes / 1e6 / cpuSeconds);
    }
  }
}
