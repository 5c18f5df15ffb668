package io.watchfloor.node.cli;

import io.watchfloor.node.WatchfloorNode;
import io.watchfloor.node.capture.CaptureSpec;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code watchfloor node --config FILE}: a long-lived node with its capture sources and HTTP API. */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = "Run a long-lived node: capture sources from config, HTTP API on, until stopped.")
final class NodeCommand implements Callable<Integer> {

  @Option(names = "--interface", paramLabel = "NAME", description = "Also capture live on this interface (needs root).")
  String networkInterface;

  @Option(names = "--filter", paramLabel = "BPF", description = "BPF filter for --interface, e.g. 'tcp or udp'.")
  String filter;

  @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (default: watchfloor.http.port, 8080).")
  Integer port;

  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    Map<String, Object> overrides = port == null ? Map.of() : Map.of("watchfloor.http.port", port);
    WatchfloorNode node = WatchfloorNode.start(common.load(overrides), CommonOptions.home(), System.err::println);
    Runtime.getRuntime().addShutdownHook(new Thread(node::close, "watchfloor-shutdown"));
    for (CaptureSpec spec : node.settings().capture().sources()) {
      start(node, spec);
    }
    if (networkInterface != null) {
      start(node, CaptureSpec.ofInterface(networkInterface, networkInterface, filter));
    }
    System.err.println("Node running on site " + node.settings().site() + "; Ctrl-C to stop.");
    node.system().getWhenTerminated().toCompletableFuture().get();
    return Main.EXIT_OK;
  }

  private static void start(WatchfloorNode node, CaptureSpec spec) throws Exception {
    node.startCaptureAndWait(spec);
    System.err.println("Segment " + spec.segment() + ": capturing " + spec.describe());
  }
}
