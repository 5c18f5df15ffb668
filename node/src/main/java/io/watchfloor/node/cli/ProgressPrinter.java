package io.watchfloor.node.cli;

import io.watchfloor.protocol.api.SegmentStatus;
import java.io.PrintStream;

/**
 * Progress of a long capture on stderr: a line rewritten in place on a terminal, a plain line every
 * few seconds otherwise (logs, CI).
 */
final class ProgressPrinter {
  private static final long PLAIN_EVERY_NANOS = 5_000_000_000L;

  private final PrintStream out;
  private final boolean terminal;
  private final long started = System.nanoTime();
  private long lastPlain = System.nanoTime();
  private boolean drewLine;

  ProgressPrinter(PrintStream out) {
    this.out = out;
    this.terminal = System.console() != null;
  }

  void update(SegmentStatus s) {
    String line = render(s);
    if (terminal) {
      out.print("\r" + line + "   ");
      out.flush();
      drewLine = true;
    } else if (System.nanoTime() - lastPlain >= PLAIN_EVERY_NANOS) {
      out.println(line);
      lastPlain = System.nanoTime();
    }
  }

  void done() {
    if (drewLine) {
      out.println();
      drewLine = false;
    }
  }

  private String render(SegmentStatus s) {
    double secs = (System.nanoTime() - started) / 1e9;
    String pct = s.totalBytes() > 0 ? String.format("%3.0f%% ", 100.0 * s.bytesRead() / s.totalBytes()) : "";
    return String.format(
        "%s%,d packets, %,d windows, %,d anomalies, %.1f s",
        pct, s.packets(), s.windowsDelivered(), s.anomalies(), secs);
  }
}
