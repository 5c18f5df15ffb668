package io.watchfloor.models.intel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The indicator lists of a node, shared by every host's {@code threat_intel} detector and kept
 * current without a restart: {@link #current()} checks at most once per {@code checkInterval}
 * whether a file changed (modification time or size) and, if so, reloads all of them and swaps the
 * set in one step. A reload that cannot read a file keeps the previous set and reports why in
 * {@link #status()}; bad lines are reported and skipped. Thread-safe.
 */
public final class ThreatIntel {
  private final List<Path> files;
  private final long checkIntervalNanos;
  private final LongSupplier nanoClock;
  private final AtomicReference<IndicatorSet> indicators = new AtomicReference<>(IndicatorSet.EMPTY);
  private final AtomicReference<Status> status = new AtomicReference<>(Status.NEVER_LOADED);
  private final AtomicLong nextCheck = new AtomicLong();
  private volatile List<String> stamps = List.of();

  /** How the last load went. */
  public record Status(int indicators, int loads, List<String> problems) {
    static final Status NEVER_LOADED = new Status(0, 0, List.of());
  }

  /**
   * Loads the files now.
   *
   * @throws IllegalArgumentException naming the file, if one cannot be read (bad configuration)
   */
  public ThreatIntel(List<Path> files, Duration checkInterval, LongSupplier nanoClock) {
    this.files = List.copyOf(files);
    this.checkIntervalNanos = checkInterval.toNanos();
    this.nanoClock = nanoClock;
    try {
      load();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "watchfloor.models.detectors.threat-intel.files: cannot read " + describe(e), e);
    }
    nextCheck.set(nanoClock.getAsLong() + checkIntervalNanos);
  }

  public ThreatIntel(List<Path> files, Duration checkInterval) {
    this(files, checkInterval, System::nanoTime);
  }

  /** The current indicators, reloaded first if the check interval passed and a file changed. */
  public IndicatorSet current() {
    long now = nanoClock.getAsLong();
    long due = nextCheck.get();
    if (now - due >= 0 && nextCheck.compareAndSet(due, now + checkIntervalNanos)) {
      reloadIfChanged();
    }
    return indicators.get();
  }

  public Status status() {
    return status.get();
  }

  /** Reloads now if any file changed; returns whether it did. */
  public synchronized boolean reloadIfChanged() {
    try {
      if (stamps().equals(stamps)) {
        return false;
      }
      load();
      return true;
    } catch (IOException e) {
      Status old = status.get();
      List<String> problems = new ArrayList<>(old.problems());
      problems.add("reload failed, keeping " + old.indicators() + " indicators: " + describe(e));
      status.set(new Status(old.indicators(), old.loads(), List.copyOf(problems)));
      return false;
    }
  }

  private synchronized void load() throws IOException {
    List<String> before = stamps();
    List<Indicator> all = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Path f : files) {
      IndicatorFiles.Result r = IndicatorFiles.read(f);
      all.addAll(r.indicators());
      problems.addAll(r.problems());
    }
    indicators.set(new IndicatorSet(all));
    stamps = before;
    status.set(new Status(all.size(), status.get().loads() + 1, List.copyOf(problems)));
  }

  private List<String> stamps() throws IOException {
    List<String> out = new ArrayList<>(files.size());
    for (Path f : files) {
      FileTime modified = Files.getLastModifiedTime(f);
      out.add(f + "|" + modified.toMillis() + "|" + Files.size(f));
    }
    return out;
  }

  private static String describe(IOException e) {
    return e instanceof NoSuchFileException ? e.getMessage() + " (no such file)" : String.valueOf(e.getMessage());
  }
}
