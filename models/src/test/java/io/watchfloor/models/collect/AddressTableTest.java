package io.watchfloor.models.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AddressTableTest {

  private static final int ADDRESSES = 100_000;

  private record Address(long hi, long lo) {}

  @Test
  void shouldInternDenseIndexesAcrossRehashes() {
    AddressTable table = new AddressTable(16, Integer.MAX_VALUE);
    Map<Address, Integer> oracle = new HashMap<>();
    Random random = new Random(42);
    for (int i = 0; i < ADDRESSES; i++) {
      // Small hi values collide often, as IPv4-mapped addresses share one hi.
      Address a = new Address(random.nextInt(4), random.nextLong());
      int expected = oracle.computeIfAbsent(a, k -> oracle.size());
      assertThat(table.indexOf(a.hi(), a.lo())).isEqualTo(expected);
    }

    assertThat(table.size()).isEqualTo(oracle.size());
    oracle.forEach(
        (a, index) -> {
          assertThat(table.indexOf(a.hi(), a.lo())).isEqualTo(index);
          assertThat(table.hi(index)).isEqualTo(a.hi());
          assertThat(table.lo(index)).isEqualTo(a.lo());
        });
  }

  @Test
  void shouldAcceptTheAllZeroAddress() {
    AddressTable table = new AddressTable(4, 10);

    assertThat(table.indexOf(0, 0)).isZero();
    assertThat(table.indexOf(0, 0)).isZero();
    assertThat(table.size()).isEqualTo(1);
  }

  @Test
  void shouldAnswerMinusOneForNewAddressesOnceFull() {
    AddressTable table = new AddressTable(4, 3);
    table.indexOf(0, 1);
    table.indexOf(0, 2);
    table.indexOf(0, 3);

    assertThat(table.indexOf(0, 4)).isEqualTo(-1);
    assertThat(table.size()).isEqualTo(3);
    assertThat(table.indexOf(0, 2)).isEqualTo(1);
  }

  @Test
  void shouldRestartIndexesFromZeroAfterClear() {
    AddressTable table = new AddressTable(4, 100);
    for (long lo = 1; lo <= 50; lo++) {
      table.indexOf(0, lo);
    }

    table.clear();

    assertThat(table.size()).isZero();
    assertThat(table.indexOf(0, 42)).isZero();
    assertThat(table.indexOf(0, 1)).isEqualTo(1);
    assertThat(table.lo(0)).isEqualTo(42);
  }
}
