package io.watchfloor.node.cli;

import io.watchfloor.node.WatchfloorNode;
import io.watchfloor.node.capture.PacketSources;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code watchfloor demo}: analyses a sample capture with attacks in it, prints the alerts and keeps
 * the HTTP API up so they can be explored.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Analyse a sample capture with attacks, print the alerts, keep the HTTP API up until Ctrl-C.")
final class DemoCommand implements Callable<Integer> {

  @Option(
      names = "--pcap",
      required = true,
      paramLabel = "FILE",
      description = "The sample capture (ops/watchfloor demo generates one with loadtest's generator).")
  Path pcap;

  @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (default 8080).")
  Integer port;

  @Option(names = "--exit", description = "Exit after printing the alerts instead of serving HTTP until Ctrl-C.")
  boolean exitAfter;

  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    PacketSources.checkReadable(pcap);
    Map<String, Object> overrides = port == null ? Map.of() : Map.of("watchfloor.http.port", port);
    WatchfloorNode node = WatchfloorNode.start(common.load(overrides), CommonOptions.home(), System.err::println);
    Runtime.getRuntime().addShutdownHook(new Thread(node::close, "watchfloor-shutdown"));
    AnomalyCollector collector = new AnomalyCollector();
    collector.subscribeTo(node);
    AnalysisRun.Outcome o = AnalysisRun.run(node, pcap, collector, System.err);
    SummaryTable.print(System.out, pcap.toString(), o, SummaryTable.preview(node.settings().alerting()));
    String http = "http://" + node.httpAddress();
    String curl = node.generatedToken().map(t -> "curl -s -H 'Authorization: Bearer " + t + "' ").orElse("curl -s ");
    System.out.println();
    System.out.println("Explore them:");
    System.out.println("  dashboard: " + http + "/" + node.generatedToken().map(t -> "  (token " + t + ")").orElse(""));
    System.out.println("  " + curl + http + "/api/v1/anomalies?limit=5");
    o.anomalies().stream().findFirst().ifPresent(a ->
        System.out.println("  " + curl + http + "/api/v1/hosts/" + a.host()));
    if (exitAfter) {
      node.close();
      return Main.EXIT_OK;
    }
    System.out.println("Serving " + http + " until Ctrl-C.");
    node.system().getWhenTerminated().toCompletableFuture().get();
    return Main.EXIT_OK;
  }
}
