package io.watchfloor.loadtest.synth;

import java.util.SplittableRandom;

/**
 * Seeded pseudo-random bytes that payloads are sliced from (encrypted data, file contents): filling
 * a fresh array per session would cost more than building the frames.
 */
final class DataPool {

  static final int SIZE = 1 << 22;
  private final byte[] bytes = new byte[SIZE];

  DataPool(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < SIZE; i += 8) {
      long v = r.nextLong();
      for (int k = 0; k < 8; k++) {
        bytes[i + k] = (byte) (v >>> (8 * k));
      }
    }
  }

  byte[] bytes() {
    return bytes;
  }

  /** A random offset where {@code length} bytes fit. */
  int offset(SplittableRandom r, int length) {
    if (length > SIZE) {
      throw new IllegalArgumentException("slice must be <= " + SIZE + " bytes, found " + length);
    }
    return r.nextInt(SIZE - length + 1);
  }
}
