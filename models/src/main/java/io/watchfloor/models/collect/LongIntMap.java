package io.watchfloor.models.collect;

import java.util.Arrays;

/**
 * Open-addressing map from non-zero {@code long} keys to {@code int} values, linear probing, no
 * boxing: the per-packet path updates it without allocating. Key 0 is reserved for "empty".
 */
public final class LongIntMap {
  private static final float LOAD_FACTOR = 0.6f;

  private long[] keys;
  private int[] values;
  private int size;
  private int mask;
  private int resizeAt;

  public LongIntMap(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, (int) (expected / LOAD_FACTOR)) - 1) << 1;
    allocate(capacity);
  }

  public int size() {
    return size;
  }

  /** The value of key, or {@code missing} when absent. */
  public int get(long key, int missing) {
    int slot = slotOf(key);
    return slot < 0 ? missing : values[slot];
  }

  public boolean contains(long key) {
    return slotOf(key) >= 0;
  }

  public void put(long key, int value) {
    checkKey(key);
    int i = mix(key) & mask;
    while (keys[i] != 0) {
      if (keys[i] == key) {
        values[i] = value;
        return;
      }
      i = (i + 1) & mask;
    }
    keys[i] = key;
    values[i] = value;
    if (++size >= resizeAt) {
      rehash(keys.length << 1);
    }
  }

  /** Ors {@code bits} into the value of key, inserting it with {@code bits} when absent. */
  public void orBits(long key, int bits) {
    int slot = slotOf(key);
    if (slot >= 0) {
      values[slot] |= bits;
    } else {
      put(key, bits);
    }
  }

  /** Adds delta to the value of key (absent counts as 0) and returns the new value. */
  public int add(long key, int delta) {
    int slot = slotOf(key);
    if (slot >= 0) {
      return values[slot] += delta;
    }
    put(key, delta);
    return delta;
  }

  public void clear() {
    Arrays.fill(keys, 0L);
    size = 0;
  }

  /** Visits every entry; the visitor must not modify this map. */
  public void forEach(Visitor visitor) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != 0) {
        visitor.visit(keys[i], values[i]);
      }
    }
  }

  @FunctionalInterface
  public interface Visitor {
    void visit(long key, int value);
  }

  private int slotOf(long key) {
    checkKey(key);
    int i = mix(key) & mask;
    while (keys[i] != 0) {
      if (keys[i] == key) {
        return i;
      }
      i = (i + 1) & mask;
    }
    return -1;
  }

  private static void checkKey(long key) {
    if (key == 0) {
      throw new IllegalArgumentException("key 0 is reserved for empty slots");
    }
  }

  private void allocate(int capacity) {
    keys = new long[capacity];
    values = new int[capacity];
    mask = capacity - 1;
    resizeAt = (int) (capacity * LOAD_FACTOR);
  }

  private void rehash(int capacity) {
    long[] oldKeys = keys;
    int[] oldValues = values;
    allocate(capacity);
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != 0) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }

  static int mix(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }
}
