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
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Payload scanning on the capture path, one thread, over real payload ({@link PayloadCorpus}): each
 * invocation passes every corpus frame (≤ 1460 payload bytes, internal → external) through the
 * decoder and one flow's {@link PayloadScanner} stream with an unlimited budget, exactly as the flow
 * table calls it: tail copy, multi-literal scan, rule verification. {@code signatures}: 1,000
 * content rules of which {@code matchingRules} match the corpus (100: ~470 matches per pass, an
 * alert every KB), sensitive data off; {@code sensitiveData}: the built-in patterns, no rules. The
 * score is ns per invocation; bytes/s = corpus bytes (printed at setup) / score.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class PayloadScanBenchmark {

  @State(Scope.Thread)
  public static class Scan {
    @Param({"signatures", "sensitiveData"})
    public String mode;

    @Param({"1000"})
    public int rules;

    /** How many of the rules are substrings of the corpus (and match it); the rest match nothing. */
    @Param({"0", "100"})
    public int matchingRules;

    final PacketDecoder decoder = new PacketDecoder();
    List<ByteBuffer> frames;
    PayloadScanner scanner;
    PayloadMatchCollector collector;

    @Setup(Level.Trial)
    public void setUp() {
      PayloadCorpus corpus = new PayloadCorpus();
      frames = corpus.frames;
      boolean signatures = mode.equals("signatures");
      PayloadInspectionSettings settings = new PayloadInspectionSettings(Integer.MAX_VALUE, 64,
          !signatures, List.of(), signatures, List.of(), List.of("10.0.0.0/8"), "!$HOME_NET", false,
          ServicePolicy.NONE);
      SignatureRules ruleSet = signatures
          ? SignatureRules.of(RuleSet.load(List.of(corpus.writeRules(rules, matchingRules)), settings.variables()))
          : SignatureRules.of(RuleSet.EMPTY);
      collector = new PayloadMatchCollector(64);
      scanner = new PayloadScanner(settings, ruleSet, collector);
      System.out.printf("%ncorpus: %d bytes in %d frames; rules loaded: %d%n", corpus.payload.length,
          frames.size(), ruleSet.current().rules().size());
    }
  }

  @Benchmark
  public int corpus(Scan s) {
    StreamInspector.Stream stream = null;
    for (ByteBuffer f : s.frames) {
      DecodedPacket p = s.decoder.decode(LinkTypes.ETHERNET, f, 0, f.limit(), f.limit(), 0);
      if (stream == null) {
        stream = s.scanner.open(p);
      }
      stream.accept(p, true, AppProtocol.UNKNOWN);
    }
    int found = s.collector.hosts().size();
    s.collector.clear();
    return found;
  }
}
