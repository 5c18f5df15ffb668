package io.watchfloor.node.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WindowMarksTest {

  @Test
  void shouldSkipAReplayedWindowOfTheSameRun() {
    WindowMarks marks = new WindowMarks();
    marks.mark("dmz", "run-1", 20_000);

    assertThat(marks.alreadyApplied("dmz", "run-1", 10_000)).isTrue();
    assertThat(marks.alreadyApplied("dmz", "run-1", 20_000)).isTrue();
    assertThat(marks.alreadyApplied("dmz", "run-1", 30_000)).isFalse();
  }

  @Test
  void shouldApplyTheSameWindowsAgainInANewRun() {
    WindowMarks marks = new WindowMarks();
    marks.mark("dmz", "run-1", 20_000);
    marks.mark("dmz", "run-2", 10_000);

    assertThat(marks.alreadyApplied("dmz", "run-2", 10_000)).isTrue();
    assertThat(marks.stored()).containsOnlyKeys("dmz|run-2");
  }

  @Test
  void shouldKeepOtherSegmentsApart() {
    WindowMarks marks = new WindowMarks();
    marks.mark("dmz", "run-1", 20_000);
    marks.mark("core", "run-9", 5_000);

    assertThat(marks.alreadyApplied("core", "run-9", 10_000)).isFalse();
    assertThat(marks.stored()).containsOnlyKeys("dmz|run-1", "core|run-9");
  }

  @Test
  void shouldRestoreThePreviousMarkWhenAWindowIsNotAcknowledged() {
    WindowMarks marks = new WindowMarks();
    marks.mark("dmz", "run-1", 10_000);
    Long previous = marks.mark("dmz", "run-1", 20_000);
    marks.undo("dmz", "run-1", previous);

    assertThat(marks.alreadyApplied("dmz", "run-1", 20_000)).isFalse();
    assertThat(marks.alreadyApplied("dmz", "run-1", 10_000)).isTrue();
  }

  @Test
  void shouldContinueFromStoredMarks() {
    WindowMarks before = new WindowMarks();
    before.mark("dmz", "run-1", 20_000);
    WindowMarks after = new WindowMarks();
    after.restore(before.stored());

    assertThat(after.alreadyApplied("dmz", "run-1", 20_000)).isTrue();
  }
}
