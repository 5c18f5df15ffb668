package io.watchfloor.node.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.watchfloor.models.flow.FlowSettings;
import io.watchfloor.models.flow.FlowStats;
import io.watchfloor.models.flow.AppPayloadInspector;
import io.watchfloor.models.flow.FlowSink;
import io.watchfloor.models.flow.FlowTable;
import io.watchfloor.models.inspect.FlowMetadataRedactor;
import io.watchfloor.models.inspect.PayloadInspectionSettings;
import io.watchfloor.node.NodeConfig;
import io.watchfloor.node.capture.CaptureInputException;
import io.watchfloor.node.capture.PacketSources;
import io.watchfloor.protocol.decode.DecodedPacket;
import io.watchfloor.protocol.decode.PacketDecoder;
import io.watchfloor.protocol.flow.EcsFlow;
import io.watchfloor.protocol.flow.FlowRecord;
import io.watchfloor.protocol.pcap.CaptureFileException;
import io.watchfloor.protocol.pcap.CaptureFileReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code watchfloor flows --pcap FILE [--format json|table] [--config FILE]}: the flows of a
 * capture file, one per line, straight from the reader, decoder and flow table on this thread (no
 * actors, no Cassandra).
 */
@Command(
    name = "flows",
    mixinStandardHelpOptions = true,
    description = "Print the bidirectional flows of a pcap or pcapng file (ECS JSON lines or a table).")
final class FlowsCommand implements Callable<Integer> {
  private static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;
  private static final String TABLE_FORMAT = "%-26s %-6s %-41s %-41s %9s %12s %9s %12s %-8s %s%n";

  enum Format { json, table }

  @Option(names = "--pcap", required = true, paramLabel = "FILE", description = "The pcap or pcapng file to read.")
  Path pcap;

  @Option(names = "--format", paramLabel = "json|table", description = "json: one ECS flow per line (default); table: aligned columns.")
  Format format = Format.json;

  @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (HOCON); reads watchfloor.models.flows.")
  Path config;

  @Override
  public Integer call() throws IOException {
    // Without a file only the models' defaults are needed: loading every library's defaults would
    // add a fifth of a second to every run.
    Config root = config == null
        ? ConfigFactory.parseResources("watchfloor-models.conf").resolve()
        : NodeConfig.fromFile(config);
    FlowSettings settings;
    PayloadInspectionSettings inspection;
    try {
      settings = FlowSettings.create(root.getConfig("watchfloor.models"));
      inspection = PayloadInspectionSettings.create(root.getConfig("watchfloor.models.detectors"));
    } catch (IllegalArgumentException e) {
      throw new NodeConfig.BadConfigException(e.getMessage());
    }
    PacketSources.checkReadable(pcap);
    PrintStream err = System.err;
    Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
    if (format == Format.table) {
      out.write(String.format(TABLE_FORMAT, "start", "proto", "source", "destination", "src pkts",
          "src bytes", "dst pkts", "dst bytes", "app", "state"));
    }
    FlowSink sink = flow -> write(out, flow);
    if (inspection.sensitiveDataEnabled()) {
      // The same masking as the analyze path: a URL or name carrying a secret is printed redacted.
      FlowMetadataRedactor redactor = new FlowMetadataRedactor(inspection.customPatterns());
      FlowSink plain = sink;
      sink = flow -> plain.accept(redactor.redact(flow));
    }
    FlowTable table = new FlowTable(settings, sink, AppPayloadInspector.INSTANCE);
    PacketDecoder decoder = new PacketDecoder();
    long started = System.nanoTime();
    long lastProgress = started;
    long malformed = 0;
    String inputError = null;
    try (CaptureFileReader reader = open(pcap)) {
      try {
        while (reader.next()) {
          DecodedPacket p = decoder.decode(reader.linkType(), reader.buffer(), reader.offset(),
              reader.capturedLength(), reader.originalLength(), reader.timestampNanos());
          if (p.isMalformed()) {
            malformed++;
          }
          table.add(p, reader.offset());
          if ((reader.packetsRead() & 0xffff) == 0 && System.nanoTime() - lastProgress > PROGRESS_EVERY_NANOS) {
            lastProgress = System.nanoTime();
            err.printf("watchfloor: %3.0f%% %,d packets, %,d flows in the table%n",
                100.0 * reader.position() / reader.size(), reader.packetsRead(), table.stats().activeFlows());
          }
        }
      } catch (CaptureFileException e) {
        inputError = pcap + ": " + e.getMessage();
      }
      table.flushAll();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    out.flush();
    double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
    FlowStats s = table.stats();
    err.printf("watchfloor: %,d packets, %,d flows, %,d evictions, %,d duplicates, %,d malformed, "
            + "%,.0f packets/s%n",
        s.packets(), s.flowsExported(), s.flowsEvicted(), s.duplicatesDropped(), malformed,
        s.packets() / seconds);
    if (inputError != null) {
      err.println("watchfloor: error: " + inputError + " (the flows above cover the packets before it)");
      return Main.EXIT_BAD_INPUT;
    }
    return Main.EXIT_OK;
  }

  private static CaptureFileReader open(Path file) {
    try {
      return CaptureFileReader.open(file);
    } catch (CaptureFileException e) {
      throw new CaptureInputException(file + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new CaptureInputException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private void write(Writer out, FlowRecord f) {
    try {
      if (format == Format.json) {
        out.write(EcsFlow.toJsonLine(f));
        out.write('\n');
      } else {
        out.write(String.format(TABLE_FORMAT,
            Instant.ofEpochSecond(0, f.startNanos()),
            f.transport(),
            endpoint(f.sourceIp(), f.sourcePort(), f, "source.mac"),
            endpoint(f.destinationIp(), f.destinationPort(), f, "destination.mac"),
            f.sourcePackets(), f.sourceBytes(), f.destinationPackets(), f.destinationBytes(),
            f.protocol() == null ? "-" : f.protocol(),
            f.state() == null ? "-" : f.state()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String endpoint(String ip, int port, FlowRecord f, String macKey) {
    String host = ip != null ? ip : f.metadata().getOrDefault(macKey, "?");
    if (ip != null && ip.indexOf(':') >= 0) {
      host = "[" + ip + "]";
    }
    return port > 0 || "tcp".equals(f.transport()) || "udp".equals(f.transport()) ? host + ":" + port : host;
  }
}
