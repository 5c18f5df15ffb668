package io.watchfloor.node.cli;

import io.watchfloor.node.NodeConfig;
import io.watchfloor.node.capture.CaptureInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code watchfloor}: the command line. Exit codes: 0 ok, 1 internal failure, 2 unusable input or usage. */
@Command(
    name = "watchfloor",
    mixinStandardHelpOptions = true,
    version = "watchfloor 0.1.0",
    description = "Learns what is normal for every host and raises explained alerts when one stops behaving like itself.",
    subcommands = {AnalyzeCommand.class, NodeCommand.class, DemoCommand.class, FlowsCommand.class, TokenCommand.class})
public final class Main implements Runnable {
  static final int EXIT_OK = 0;
  static final int EXIT_FAILURE = 1;
  static final int EXIT_BAD_INPUT = 2;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (tests call this). */
  public static int run(String... args) {
    if (System.getProperty("watchfloor.log.level") == null) {
      boolean longLived = args.length > 0 && (args[0].equals("node") || args[0].equals("demo"));
      System.setProperty("watchfloor.log.level", longLived ? "INFO" : "WARN");
    }
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          Throwable cause = e;
          while (cause.getCause() != null
              && !(cause instanceof CaptureInputException)
              && !(cause instanceof NodeConfig.BadConfigException)) {
            cause = cause.getCause();
          }
          boolean badInput =
              cause instanceof CaptureInputException || cause instanceof NodeConfig.BadConfigException;
          commandLine.getErr().println("watchfloor: error: " + cause.getMessage());
          return badInput ? EXIT_BAD_INPUT : EXIT_FAILURE;
        });
    return cli.execute(args);
  }

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }
}
