package io.watchfloor.node.host;

import java.util.HashMap;
import java.util.Map;

/**
 * The start of the last window a host learned from, per segment and capture run. Capture delivers at
 * least once, and a segment that moves to another node replays its input; a window at or before the
 * mark of its run is acknowledged without being learned twice. A new run of a segment (the same file
 * analysed again) starts with no mark. Saved with the host snapshot.
 */
final class WindowMarks {
  private static final char SEPARATOR = '|';

  /** Key "segment|run": only the latest run of each segment is kept. */
  private final Map<String, Long> marks = new HashMap<>();

  boolean alreadyApplied(String segment, String run, long windowStartMillis) {
    Long last = marks.get(key(segment, run));
    return last != null && windowStartMillis <= last;
  }

  /** Records the window; returns the previous mark of the run (null if none) for {@link #undo}. */
  Long mark(String segment, String run, long windowStartMillis) {
    String prefix = segment + SEPARATOR;
    String key = key(segment, run);
    marks.keySet().removeIf(k -> k.startsWith(prefix) && !k.equals(key));
    return marks.put(key, windowStartMillis);
  }

  /** The window was not acknowledged after all: its redelivery must be applied. */
  void undo(String segment, String run, Long previous) {
    if (previous == null) {
      marks.remove(key(segment, run));
    } else {
      marks.put(key(segment, run), previous);
    }
  }

  Map<String, Long> stored() {
    return Map.copyOf(marks);
  }

  void restore(Map<String, Long> stored) {
    marks.putAll(stored);
  }

  private static String key(String segment, String run) {
    return segment + SEPARATOR + run;
  }
}
