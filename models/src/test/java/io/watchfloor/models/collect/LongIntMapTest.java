package io.watchfloor.models.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongIntMapTest {

  private static final int KEYS = 100_000;

  @Test
  void shouldAgreeWithHashMapAcrossRehashes() {
    LongIntMap map = new LongIntMap(16);
    Map<Long, Integer> oracle = new HashMap<>();
    Random random = new Random(42);
    long[] seen = new long[KEYS];
    for (int i = 0; i < KEYS; i++) {
      long key = nonZero(random.nextLong());
      seen[i] = key;
      int value = random.nextInt();
      switch (random.nextInt(3)) {
        case 0 -> {
          map.put(key, value);
          oracle.put(key, value);
        }
        case 1 -> {
          int expected = oracle.merge(key, value, Integer::sum);
          assertThat(map.add(key, value)).isEqualTo(expected);
        }
        default -> {
          map.orBits(key, value);
          oracle.merge(key, value, (a, b) -> a | b);
        }
      }
      // Revisit an earlier key now and then so updates of existing entries are exercised too.
      if (i % 7 == 0) {
        long again = seen[random.nextInt(i + 1)];
        assertThat(map.add(again, 1)).isEqualTo(oracle.merge(again, 1, Integer::sum));
      }
    }

    assertThat(map.size()).isEqualTo(oracle.size());
    oracle.forEach((k, v) -> assertThat(map.get(k, -1)).as("key %d", k).isEqualTo(v));
    Map<Long, Integer> visited = new HashMap<>();
    map.forEach(visited::put);
    assertThat(visited).isEqualTo(oracle);
  }

  @Test
  void shouldAnswerMissingForAbsentKeys() {
    LongIntMap map = new LongIntMap(4);
    map.put(7, 70);

    assertThat(map.get(8, -5)).isEqualTo(-5);
    assertThat(map.contains(8)).isFalse();
    assertThat(map.contains(7)).isTrue();
  }

  @Test
  void shouldTreatAbsentKeyAsZeroWhenAdding() {
    LongIntMap map = new LongIntMap(4);

    assertThat(map.add(-3, 5)).isEqualTo(5);
    assertThat(map.add(-3, 5)).isEqualTo(10);
  }

  @Test
  void shouldOrBitsIntoExistingValue() {
    LongIntMap map = new LongIntMap(4);
    map.orBits(9, 0b001);
    map.orBits(9, 0b100);

    assertThat(map.get(9, 0)).isEqualTo(0b101);
    assertThat(map.size()).isEqualTo(1);
  }

  @Test
  void shouldRejectKeyZero() {
    LongIntMap map = new LongIntMap(4);

    assertThatThrownBy(() -> map.put(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> map.get(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> map.add(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> map.orBits(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> map.contains(0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(map.size()).isZero();
  }

  @Test
  void shouldForgetEverythingOnClear() {
    LongIntMap map = new LongIntMap(16);
    for (long k = 1; k <= 1_000; k++) {
      map.put(k, (int) k);
    }

    map.clear();

    assertThat(map.size()).isZero();
    assertThat(map.get(500, -1)).isEqualTo(-1);
    map.forEach((k, v) -> {
      throw new AssertionError("entry survived clear: " + k);
    });
    assertThat(map.add(500, 3)).isEqualTo(3);
    assertThat(map.size()).isEqualTo(1);
  }

  private static long nonZero(long key) {
    return key == 0 ? 1 : key;
  }
}
