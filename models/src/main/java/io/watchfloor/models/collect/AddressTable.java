package io.watchfloor.models.collect;

import java.util.Arrays;

/**
 * Interns 128-bit addresses (two longs) to dense indexes 0..size-1, open addressing, no boxing.
 * Bounded: once {@code capacityLimit} addresses are interned, {@link #indexOf} answers -1.
 */
public final class AddressTable {
  private static final float LOAD_FACTOR = 0.5f;

  private final int capacityLimit;
  private long[] slotHi;
  private long[] slotLo;
  private int[] slotIndex;
  private long[] hiByIndex;
  private long[] loByIndex;
  private int size;
  private int mask;

  public AddressTable(int expected, int capacityLimit) {
    this.capacityLimit = capacityLimit;
    int capacity = Integer.highestOneBit(Math.max(16, (int) (expected / LOAD_FACTOR)) - 1) << 1;
    allocateSlots(capacity);
    hiByIndex = new long[Math.max(16, expected)];
    loByIndex = new long[Math.max(16, expected)];
  }

  public int size() {
    return size;
  }

  public long hi(int index) {
    return hiByIndex[index];
  }

  public long lo(int index) {
    return loByIndex[index];
  }

  /** The index of the address, interning it if new; -1 when the table is full. */
  public int indexOf(long hi, long lo) {
    int i = LongIntMap.mix(hi * 31 + lo) & mask;
    while (slotIndex[i] >= 0) {
      if (slotHi[i] == hi && slotLo[i] == lo) {
        return slotIndex[i];
      }
      i = (i + 1) & mask;
    }
    if (size >= capacityLimit) {
      return -1;
    }
    int index = size++;
    slotHi[i] = hi;
    slotLo[i] = lo;
    slotIndex[i] = index;
    if (index >= hiByIndex.length) {
      hiByIndex = Arrays.copyOf(hiByIndex, hiByIndex.length * 2);
      loByIndex = Arrays.copyOf(loByIndex, loByIndex.length * 2);
    }
    hiByIndex[index] = hi;
    loByIndex[index] = lo;
    if (size > slotIndex.length * LOAD_FACTOR) {
      rehash(slotIndex.length << 1);
    }
    return index;
  }

  public void clear() {
    Arrays.fill(slotIndex, -1);
    size = 0;
  }

  private void allocateSlots(int capacity) {
    slotHi = new long[capacity];
    slotLo = new long[capacity];
    slotIndex = new int[capacity];
    Arrays.fill(slotIndex, -1);
    mask = capacity - 1;
  }

  private void rehash(int capacity) {
    allocateSlots(capacity);
    for (int index = 0; index < size; index++) {
      long hi = hiByIndex[index];
      long lo = loByIndex[index];
      int i = LongIntMap.mix(hi * 31 + lo) & mask;
      while (slotIndex[i] >= 0) {
        i = (i + 1) & mask;
      }
      slotHi[i] = hi;
      slotLo[i] = lo;
      slotIndex[i] = index;
    }
  }
}
