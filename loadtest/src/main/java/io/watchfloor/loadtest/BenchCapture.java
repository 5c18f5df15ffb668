package io.watchfloor.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Command line: {@code BenchCapture OUT.pcap [--packets N] [--seed S]} writes the ingest benchmark
 * capture ({@link BenchTraffic}) and prints one summary line. Exit status 0 on success, 1 on an
 * I/O failure, 2 on bad arguments.
 */
public final class BenchCapture {

  static final int EXIT_IO_ERROR = 1;
  static final int EXIT_USAGE = 2;
  static final String USAGE = "usage: BenchCapture OUT.pcap [--packets N] [--seed S]";

  private BenchCapture() {}

  record Arguments(Path pcap, long packets, long seed) {}

  public static void main(String[] args) {
    Arguments parsed = parse(args);
    if (parsed == null) {
      System.err.println(USAGE);
      System.exit(EXIT_USAGE);
      return;
    }
    try {
      System.out.println(run(parsed));
    } catch (IOException | RuntimeException e) {
      System.err.println("BenchCapture: cannot write " + parsed.pcap() + ": " + e);
      System.exit(EXIT_IO_ERROR);
    }
  }

  /** Returns null on any malformed argument list. */
  static Arguments parse(String[] args) {
    Path pcap = null;
    long packets = BenchTraffic.DEFAULT_PACKETS;
    long seed = BenchTraffic.DEFAULT_SEED;
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (a.equals("--packets") && i + 1 < args.length) {
          packets = Long.parseLong(args[++i].replace("_", ""));
          if (packets < 1) {
            return null;
          }
        } else if (a.equals("--seed") && i + 1 < args.length) {
          seed = Long.parseLong(args[++i]);
        } else if (pcap == null && !a.isBlank() && !a.startsWith("-")) {
          pcap = Path.of(a);
        } else {
          return null;
        }
      }
    } catch (NumberFormatException | InvalidPathException e) {
      return null;
    }
    return pcap == null ? null : new Arguments(pcap, packets, seed);
  }

  static String run(Arguments a) throws IOException {
    Path directory = a.pcap().toAbsolutePath().getParent();
    Files.createDirectories(directory);
    long started = System.nanoTime();
    BenchTraffic.Summary s = new BenchTraffic(a.seed(), a.packets()).writePcap(a.pcap());
    double seconds = (System.nanoTime() - started) / 1e9;
    return String.format(Locale.ROOT,
        "wrote %d packets (%d flows, %d hosts, %d frame bytes, %.1f s of traffic, seed %d) to %s"
            + " in %.1f s",
        s.packets(), s.flows(), s.hosts(), s.bytes(), (s.lastMicros() - s.firstMicros()) / 1e6,
        a.seed(), a.pcap(), seconds);
  }
}
