package io.watchfloor.models.score;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NormalWindowPoolTest {

  @Test
  void shouldKeepAtMostMaxPerHostOfOneHost() {
    NormalWindowPool pool = new NormalWindowPool(100, 3, 1);

    for (int i = 0; i < 10; i++) {
      pool.offer("10.0.0.1", new double[] {i});
    }

    assertThat(pool.size()).isEqualTo(3);
    assertThat(pool.hosts()).isEqualTo(1);
  }

  @Test
  void shouldHoldOnlyWithEnoughWindowsOfEnoughHosts() {
    NormalWindowPool pool = new NormalWindowPool(100, 10, 1);
    for (int i = 0; i < 10; i++) {
      pool.offer("10.0.0.1", new double[] {i});
    }

    assertThat(pool.holds(10, 2)).isFalse();
    pool.offer("10.0.0.2", new double[] {0});
    assertThat(pool.holds(10, 2)).isTrue();
    assertThat(pool.holds(12, 2)).isFalse();
  }

  @Test
  void shouldStayWithinCapacityAndStartOverWhenDrained() {
    NormalWindowPool pool = new NormalWindowPool(50, 5, 1);
    for (int h = 0; h < 40; h++) {
      for (int i = 0; i < 5; i++) {
        pool.offer("10.0.1." + h, new double[] {h, i});
      }
    }

    assertThat(pool.size()).isEqualTo(50);
    assertThat(pool.drain()).hasSize(50);
    assertThat(pool.size()).isZero();
    assertThat(pool.hosts()).isZero();
  }
}
