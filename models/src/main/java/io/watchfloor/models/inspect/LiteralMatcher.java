package io.watchfloor.models.inspect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds every occurrence of many literals at once, ASCII case-insensitively: a 64 Ki-bit filter of
 * the literals' first two bytes (all case variants) is tested at every position with no
 * loop-carried dependency, and only where it passes is a trie (a dense transition table over byte
 * classes) walked from that position. Every match starts at a position whose first two bytes pass
 * the filter, so no match is missed; the walk is at most the longest literal long. This outruns an
 * Aho–Corasick DFA, whose per-byte state load is one long dependency chain, on payload where few
 * positions start a literal (measured in {@code SignatureMatchBenchmark}).
 *
 * <p>Immutable and thread-safe once built; callers verify case where a literal is case-sensitive.
 */
public final class LiteralMatcher {

  /** Receives matches; {@code end} is exclusive. Implemented by the scanners themselves (no lambdas per call). */
  public interface Hits {
    void hit(int literal, int start, int end);
  }

  private static final int DEAD = -1;

  private final long[] firstTwo = new long[1 << 10];
  private final boolean[] firstByte = new boolean[256];
  private final byte[] byteClass = new byte[256];
  private final int classes;
  private final int[] next;
  /** Per trie node: index into {@link #outIds} of its literals, -1 when none end there. */
  private final int[] outStart;
  private final int[] outIds;
  private final int size;

  /** @param literals at least one byte each; ids are their indexes */
  public LiteralMatcher(List<byte[]> literals) {
    size = literals.size();
    byte[] folded = new byte[256];
    int classCount = 1; // class 0: bytes no literal contains
    for (byte[] literal : literals) {
      if (literal.length == 0) {
        throw new IllegalArgumentException("a literal must have at least one byte");
      }
      for (byte b : literal) {
        int f = fold(b & 0xff);
        if (folded[f] == 0) {
          folded[f] = (byte) classCount++;
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
    long[] filter = firstTwo;
    int last = to - 1;
    for (int i = from; i < last; i++) {
      int pair = (bytes[i] & 0xff) << 8 | (bytes[i + 1] & 0xff);
      if ((filter[pair >>> 6] & (1L << pair)) != 0) {
        walk(bytes, i, to, reportAfter, hits);
      }
    }
    if (from <= last && firstByte[bytes[last] & 0xff]) {
      walk(bytes, last, to, reportAfter, hits);
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
    for (int a : variants(literal[0] & 0xff)) {
      firstByte[a] = true;
      if (literal.length == 1) {
        for (int b = 0; b < 256; b++) {
          setPair(a << 8 | b);
        }
      } else {
        for (int b : variants(literal[1] & 0xff)) {
          setPair(a << 8 | b);
        }
      }
    }
  }

  private void setPair(int pair) {
    firstTwo[pair >>> 6] |= 1L << pair;
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
