package io.watchfloor.loadtest.synth;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Command line: writes {@code synth.pcap} and {@code truth.tsv} (see {@link SynthTraffic}), and
 * with {@code --netflow} {@code netflow-v9.pcap}, into a directory, with progress on stderr and a
 * one-line summary on stdout. Exit status 0 on success, 1 on an I/O failure, 2 on bad arguments.
 */
public final class GenerateMain {

  static final String PCAP_FILE = "synth.pcap";
  static final String TRUTH_FILE = "truth.tsv";
  static final String NETFLOW_FILE = "netflow-v9.pcap";
  static final int EXIT_IO_ERROR = 1;
  static final int EXIT_USAGE = 2;
  static final String USAGE = String.join("\n",
      "usage: GenerateMain --out DIR [--hosts N] [--hours H] [--seed S] [--start ISO-INSTANT]"
          + " [--netflow]",
      "  --out DIR     where synth.pcap and truth.tsv are written (created if missing)",
      "  --hosts N     workstations, 10..60000 (default " + SynthTraffic.DEFAULT_HOSTS + ")",
      "  --hours H     simulated hours, may be fractional (default 24)",
      "  --seed S      generator seed; same arguments and seed give identical files (default 7)",
      "  --start T     first instant, UTC (default " + SynthTraffic.DEFAULT_START
          + ", a Monday morning)",
      "  --netflow     also write the same flows as NetFlow v9 datagrams (UDP to port 2055) into "
          + NETFLOW_FILE);

  private GenerateMain() {}

  record Arguments(Path out, SynthTraffic.Parameters parameters, boolean netflow) {}

  public static void main(String[] args) {
    if (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"))) {
      System.out.println(USAGE);
      return;
    }
    Arguments a;
    try {
      a = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("GenerateMain: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(EXIT_USAGE);
      return;
    }
    try {
      System.out.println(run(a, System.err));
    } catch (IOException | RuntimeException e) {
      System.err.println("GenerateMain: cannot write " + a.out() + ": " + e);
      System.exit(EXIT_IO_ERROR);
    }
  }

  /** Parses the command line; a bad argument is an IllegalArgumentException saying which. */
  static Arguments parse(String[] args) {
    Path out = null;
    int hosts = SynthTraffic.DEFAULT_HOSTS;
    double hours = SynthTraffic.DEFAULT_HOURS;
    long seed = SynthTraffic.DEFAULT_SEED;
    Instant start = SynthTraffic.DEFAULT_START;
    boolean netflow = false;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("-h") || flag.equals("--help")) {
        throw new IllegalArgumentException("help requested");
      }
      if (flag.equals("--netflow")) {
        netflow = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + flag);
      }
      String value = args[++i];
      try {
        switch (flag) {
          case "--out" -> out = Path.of(value);
          case "--hosts" -> hosts = Integer.parseInt(value);
          case "--hours" -> hours = Double.parseDouble(value);
          case "--seed" -> seed = Long.parseLong(value);
          case "--start" -> start = Instant.parse(value);
          default -> throw new IllegalArgumentException("unknown argument " + flag);
        }
      } catch (NumberFormatException | DateTimeParseException | InvalidPathException e) {
        throw new IllegalArgumentException("bad value for " + flag + ": " + value);
      }
    }
    if (out == null) {
      throw new IllegalArgumentException("--out DIR is required");
    }
    return new Arguments(out, new SynthTraffic.Parameters(hosts, hours, seed, start), netflow);
  }

  /** Generates; returns the summary line. */
  static String run(Arguments a, PrintStream progress) throws IOException {
    Files.createDirectories(a.out());
    Path pcap = a.out().resolve(PCAP_FILE);
    Path truth = a.out().resolve(TRUTH_FILE);
    long started = System.nanoTime();
    Path netflow = a.netflow() ? a.out().resolve(NETFLOW_FILE) : null;
    SynthTraffic.Summary s = new SynthTraffic(a.parameters()).write(pcap, truth, netflow, packets ->
        progress.printf(Locale.ROOT, "  %,d packets written (%.0f s)%n", packets,
            (System.nanoTime() - started) / 1e9));
    double seconds = (System.nanoTime() - started) / 1e9;
    SynthTraffic.Parameters p = a.parameters();
    return String.format(Locale.ROOT,
        "wrote %d packets (%d frame bytes, %d hosts, %.1f simulated hours, %d attacks, seed %d)"
            + " to %s in %.1f s (%.2f M packets/s)",
        s.packets(), s.bytes(), s.hosts(), p.hours(), s.attacks(), p.seed(), pcap, seconds,
        s.packets() / seconds / 1e6);
  }
}
