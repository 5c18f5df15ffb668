package io.watchfloor.models.inspect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds every occurrence of many literals at once, ASCII case-insensitively, by filtering then
 * verifying. When every literal has at least m ≥ 4 bytes, only every k-th position is probed
 * (k = m − 2, at most 8): a 64 Ki-bit filter holds the hashed, case-folded 3-byte grams at offsets
 * 0..k−1 of the literals, and only where the gram at a probed position passes are the k
 * positions that could start a literal covering it looked at — each through a second filter of
 * literal prefixes (first three bytes) and then a walk down a trie (a dense transition table over
 * byte classes). Every occurrence covers exactly one probed position with one of its own grams, so
 * none is missed (the Wu–Manber idea). With shorter literals every position is probed with the
 * prefix filter. A walk is at most the longest literal long. Both filters are tested without a
 * loop-carried dependency, which is why this outruns an Aho–Corasick DFA, whose per-byte state load
 * is one long dependency chain, on payload where few positions start a literal (measured in
 * {@code PayloadScanBenchmark}).
 *
 * <p>Immutable and thread-safe once built; callers verify case where a literal is case-sensitive.
 */
public final class LiteralMatcher {

  /** Receives matches; {@code end} is exclusive. Implemented by the scanners themselves (no lambdas per call). */
  public interface Hits {
    void hit(int literal, int start, int end);
  }

  private static final int DEAD = -1;
  /** Small enough to stay in the L1 cache between packets (4 KiB): the capture path touches much else. */
  private static final int FILTER_BITS = 15;
  private static final int HASH = 0x9E3779B1;
  private static final int Q = 3;
  /** Sampling needs literals of at least this many bytes (a stride of 2). */
  private static final int MIN_SAMPLED_LENGTH = Q + 1;
  private static final int MAX_STRIDE = 8;
  /** 8 KiB. */
  private static final int INNER_BITS = 16;
  /**
   * Sets bit 5 of each byte of a gram: folds ASCII letters to lower case in one operation (and
   * merges some other byte pairs, which only costs a false candidate now and then).
   */
  private static final int FOLD = 0x202020;

  private final long[] prefixes = new long[1 << (FILTER_BITS - 6)];
  private final boolean[] firstByte = new boolean[256];
  private final int[] byteClass = new int[256];
  private final int classes;
  private final int[] next;
  /** Per trie node: index into {@link #outIds} of its literals, -1 when none end there. */
  private final int[] outStart;
  private final int[] outIds;
  private final int size;
  /** Probe stride: 1 when some literal is shorter than {@link #MIN_SAMPLED_LENGTH}. */
  private final int stride;
  private final long[] inner;

  /** @param literals at least one byte each; ids are their indexes */
  public LiteralMatcher(List<byte[]> literals) {
    size = literals.size();
    int minLength = Integer.MAX_VALUE;
    for (byte[] literal : literals) {
      minLength = Math.min(minLength, literal.length);
    }
    stride = minLength >= MIN_SAMPLED_LENGTH && minLength != Integer.MAX_VALUE
        ? Math.min(MAX_STRIDE, minLength - Q + 1) : 1;
    inner = stride > 1 ? new long[1 << (INNER_BITS - 6)] : null;
    int[] folded = new int[256];
    int classCount = 1; // class 0: bytes no literal contains
    for (byte[] literal : literals) {
      if (literal.length == 0) {
        throw new IllegalArgumentException("a literal must have at least one byte");
      }
      for (byte b : literal) {
        int f = fold(b & 0xff);
        if (folded[f] == 0) {
          folded[f] = classCount++;
        }
      }
    }
    for (int b = 0; b < 256; b++) {
      byteClass[b] = folded[fold(b)];
    }
    classes = classCount;
    List<int[]> rows = new ArrayList<>();
    rows.add(newRow(classes));
    List<List<Integer>> outputs = new ArrayList<>();
    outputs.add(null);
    for (int id = 0; id < literals.size(); id++) {
      byte[] literal = literals.get(id);
      int node = 0;
      for (byte b : literal) {
        int c = byteClass[b & 0xff];
        int child = rows.get(node)[c];
        if (child == DEAD) {
          child = rows.size();
          rows.add(newRow(classes));
          outputs.add(null);
          rows.get(node)[c] = child;
        }
        node = child;
      }
      if (outputs.get(node) == null) {
        outputs.set(node, new ArrayList<>(1));
      }
      outputs.get(node).add(id);
      markFilter(literal);
      if (stride > 1) {
        markInner(literal);
      }
    }
    next = new int[rows.size() * classes];
    outStart = new int[rows.size()];
    List<Integer> ids = new ArrayList<>();
    for (int node = 0; node < rows.size(); node++) {
      System.arraycopy(rows.get(node), 0, next, node * classes, classes);
      List<Integer> out = outputs.get(node);
      if (out == null) {
        outStart[node] = -1;
      } else {
        outStart[node] = ids.size();
        ids.addAll(out);
        ids.add(-1);
      }
    }
    outIds = ids.stream().mapToInt(Integer::intValue).toArray();
  }

  public int size() {
    return size;
  }

  /** Reports every match that ends after {@code reportAfter} in {@code bytes[from, to)}. */
  public void scan(byte[] bytes, int from, int to, int reportAfter, Hits hits) {
    if (size == 0) {
      return;
    }
    if (stride > 1) {
      scanSampled(bytes, from, to, reportAfter, hits);
      return;
    }
    long[] filter = prefixes;
    int last = to - 2;
    int i = from;
    for (; i < last; i++) {
      int h = ((bytes[i] & 0xff) << 16 | (bytes[i + 1] & 0xff) << 8 | (bytes[i + 2] & 0xff) | FOLD) * HASH
          >>> (32 - FILTER_BITS);
      if ((filter[h >>> 6] & (1L << h)) != 0) {
        walk(bytes, i, to, reportAfter, hits);
      }
    }
    for (i = Math.max(from, last); i < to; i++) {
      if (firstByte[bytes[i] & 0xff]) {
        walk(bytes, i, to, reportAfter, hits);
      }
    }
  }

  /**
   * Probes every {@code stride}-th position; a literal starting at s is at least m bytes long, so
   * the probe j in [s, s + stride − 1] sees one of its first {@code stride} grams. Literals that
   * would end past {@code to} need no probe.
   */
  private void scanSampled(byte[] bytes, int from, int to, int reportAfter, Hits hits) {
    long[] grams = inner;
    long[] starts = prefixes;
    int k = stride;
    int last = to - Q;
    for (int j = from + k - 1; j <= last; j += k) {
      int h = ((bytes[j] & 0xff) << 16 | (bytes[j + 1] & 0xff) << 8 | (bytes[j + 2] & 0xff) | FOLD) * HASH
          >>> (32 - INNER_BITS);
      if ((grams[h >>> 6] & (1L << h)) == 0) {
        continue;
      }
      for (int s = j - k + 1; s <= j; s++) {
        int p = ((bytes[s] & 0xff) << 16 | (bytes[s + 1] & 0xff) << 8 | (bytes[s + 2] & 0xff) | FOLD) * HASH
            >>> (32 - FILTER_BITS);
        if ((starts[p >>> 6] & (1L << p)) != 0) {
          walk(bytes, s, to, reportAfter, hits);
        }
      }
    }
  }

  private void walk(byte[] bytes, int start, int to, int reportAfter, Hits hits) {
    int node = 0;
    for (int j = start; j < to; j++) {
      node = next[node * classes + byteClass[bytes[j] & 0xff]];
      if (node == DEAD) {
        return;
      }
      int out = outStart[node];
      if (out >= 0 && j + 1 > reportAfter) {
        for (int k = out; outIds[k] >= 0; k++) {
          hits.hit(outIds[k], start, j + 1);
        }
      }
    }
  }

  private void markFilter(byte[] literal) {
    int[] any = new int[256];
    for (int b = 0; b < 256; b++) {
      any[b] = b;
    }
    int[] second = literal.length > 1 ? variants(literal[1] & 0xff) : any;
    int[] third = literal.length > 2 ? variants(literal[2] & 0xff) : any;
    for (int a : variants(literal[0] & 0xff)) {
      firstByte[a] = true;
      for (int b : second) {
        for (int c : third) {
          int h = (a << 16 | b << 8 | c | FOLD) * HASH >>> (32 - FILTER_BITS);
          prefixes[h >>> 6] |= 1L << h;
        }
      }
    }
  }

  /** The grams at offsets 0 .. stride−1, case-folded like the payload probes. */
  private void markInner(byte[] literal) {
    for (int offset = 0; offset < stride; offset++) {
      for (int a : variants(literal[offset] & 0xff)) {
        for (int b : variants(literal[offset + 1] & 0xff)) {
          for (int c : variants(literal[offset + 2] & 0xff)) {
            int h = (a << 16 | b << 8 | c | FOLD) * HASH >>> (32 - INNER_BITS);
            inner[h >>> 6] |= 1L << h;
          }
        }
      }
    }
  }

  private static int[] newRow(int classes) {
    int[] row = new int[classes];
    Arrays.fill(row, DEAD);
    return row;
  }

  private static int[] variants(int b) {
    int lower = fold(b);
    return lower >= 'a' && lower <= 'z' ? new int[] {lower, lower - 32} : new int[] {b};
  }

  /** ASCII lower case. */
  static int fold(int b) {
    return b >= 'A' && b <= 'Z' ? b + 32 : b;
  }

  /** Whether {@code literal} is at {@code bytes[at]} and ends by {@code end}, exactly or ignoring ASCII case. */
  static boolean matchesAt(byte[] bytes, int at, int end, byte[] literal, boolean ignoreCase) {
    if (at < 0 || at + literal.length > end) {
      return false;
    }
    for (int k = 0; k < literal.length; k++) {
      int a = bytes[at + k] & 0xff;
      int b = literal[k] & 0xff;
      if (a != b && !(ignoreCase && fold(a) == fold(b))) {
        return false;
      }
    }
    return true;
  }
}
