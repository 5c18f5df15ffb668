package io.watchfloor.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Command line: {@code DemoCapture OUT.pcap} writes the demo capture and {@code labels.tsv} in the
 * same directory. Exit status 0 on success, 1 on an I/O failure, 2 on bad arguments.
 */
public final class DemoCapture {

  static final int EXIT_IO_ERROR = 1;
  static final int EXIT_USAGE = 2;
  static final String LABELS_FILE = "labels.tsv";

  private DemoCapture() {}

  public static void main(String[] args) {
    Path pcap = args.length == 1 && !args[0].isBlank() && !args[0].startsWith("-")
        ? parse(args[0]) : null;
    if (pcap == null) {
      System.err.println("usage: DemoCapture OUT.pcap (writes OUT.pcap and labels.tsv beside it)");
      System.exit(EXIT_USAGE);
      return;
    }
    try {
      System.out.println(run(pcap));
    } catch (IOException | RuntimeException e) {
      System.err.println("DemoCapture: cannot write " + args[0] + ": " + e);
      System.exit(EXIT_IO_ERROR);
    }
  }

  private static Path parse(String arg) {
    try {
      return Path.of(arg);
    } catch (InvalidPathException e) {
      return null;
    }
  }

  /** Writes the capture and its labels; returns the one-line summary. */
  static String run(Path pcap) throws IOException {
    Path directory = pcap.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    Path labels = directory.resolve(LABELS_FILE);
    DemoTraffic traffic = new DemoTraffic(DemoTraffic.DEFAULT_SEED);
    long packets = traffic.writePcap(pcap);
    traffic.writeLabels(labels);
    return "wrote " + packets + " packets to " + pcap + " (labels in " + labels + ")";
  }
}
