package io.watchfloor.node.cli;

import io.watchfloor.node.WatchfloorNode;
import io.watchfloor.node.capture.PacketSources;
import io.watchfloor.protocol.alert.EcsAlert;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code watchfloor analyze --pcap FILE [--out alerts.jsonl] [--config FILE]}: with a routing
 * config, the summary shows the receivers each alert would reach.
 */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = "Run the whole pipeline on a pcap or pcapng file and report explained alerts.")
final class AnalyzeCommand implements Callable<Integer> {

  @Option(names = "--pcap", required = true, paramLabel = "FILE", description = "The pcap or pcapng file to analyse.")
  Path pcap;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write one ECS alert per line to FILE (appends; '-' = standard output).")
  String out;

  @Option(
      names = "--resume-state",
      description = "Start from what earlier runs on this keyspace learned (host baselines, the site model)"
          + " instead of from nothing; without it, analysing the same file again gives the same alerts.")
  boolean resumeState;

  @Option(names = "--reader", paramLabel = "mapped|libpcap", description = "How to read the file (default: mapped).")
  String reader;

  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    PacketSources.checkReadable(pcap);
    boolean jsonToStdout = "-".equals(out);
    PrintStream human = jsonToStdout ? System.err : System.out;
    Map<String, Object> overrides = new HashMap<>();
    overrides.put("watchfloor.http.enabled", false);
    // A replay shows where its alerts would go (summary); it never pages anyone.
    overrides.put("watchfloor.alerting.enabled", false);
    if (out != null && !jsonToStdout) {
      overrides.put("watchfloor.alerts.jsonl-file", Path.of(out).toAbsolutePath().toString());
    }
    overrides.put("watchfloor.host.restore-earlier-state", resumeState);
    // A replay that stops half-way is run again from the start, so hosts save their state once, when
    // the run ends (what --resume-state continues from), not every few windows as a node does.
    overrides.put("watchfloor.host.snapshot-every-windows", Integer.MAX_VALUE);
    if (reader != null) {
      overrides.put("watchfloor.capture.file-reader", reader);
    }
    var config = common.load(overrides);
    AnomalyCollector collector = new AnomalyCollector();
    try (WatchfloorNode node = WatchfloorNode.start(config, CommonOptions.home(), System.err::println)) {
      collector.subscribeTo(node);
      AnalysisRun.Outcome o = AnalysisRun.run(node, pcap, collector, System.err);
      if (jsonToStdout) {
        o.anomalies().forEach(a -> System.out.println(EcsAlert.toJsonLine(a)));
      }
      SummaryTable.print(human, pcap.toString(), o, SummaryTable.preview(node.settings().alerting()));
      if (out != null && !jsonToStdout) {
        human.println("  alerts written to   " + out);
      }
      if (o.inputError() != null) {
        System.err.println("watchfloor: error: " + o.inputError()
            + (o.failed() ? "" : " (the results above cover the packets before it)"));
        return o.status().badInput() ? Main.EXIT_BAD_INPUT : Main.EXIT_FAILURE;
      }
      return Main.EXIT_OK;
    }
  }
}
