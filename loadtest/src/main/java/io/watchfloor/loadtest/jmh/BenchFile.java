package io.watchfloor.loadtest.jmh;

import io.watchfloor.protocol.pcap.CaptureFileReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The capture the ingest benchmarks read: system property {@code watchfloor.bench.pcap}
 * (ops/bench-ingest passes {@code .work/bench/bench.pcap}, written by
 * {@link io.watchfloor.loadtest.BenchCapture}). A reader that reaches the end of the file is
 * reopened, so one benchmark invocation may span the end and the start of the file.
 */
final class BenchFile {

  static final String PROPERTY = "watchfloor.bench.pcap";
  /** Packets per benchmark invocation; JMH reports per packet through OperationsPerInvocation. */
  static final int BATCH = 4096;

  private final Path path;
  private final Runnable atEnd;
  private CaptureFileReader reader;
  private long reopens;

  BenchFile() {
    this(() -> { });
  }

  /** @param atEnd runs when the reader reaches the end of the file, before it is reopened */
  BenchFile(Runnable atEnd) {
    this.atEnd = atEnd;
    String file = System.getProperty(PROPERTY, ".work/bench/bench.pcap");
    path = Path.of(file);
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException("no bench capture at " + path.toAbsolutePath()
          + ": run ops/bench-ingest once, or set -D" + PROPERTY + "=FILE");
    }
    reader = open();
  }

  private CaptureFileReader open() {
    try {
      return CaptureFileReader.open(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The reader positioned on a packet; reopens at the end of the file. */
  CaptureFileReader next() {
    if (!reader.next()) {
      atEnd.run();
      close();
      reader = open();
      reopens++;
      if (!reader.next()) {
        throw new IllegalStateException(path + " holds no packet");
      }
    }
    return reader;
  }

  long reopens() {
    return reopens;
  }

  void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
