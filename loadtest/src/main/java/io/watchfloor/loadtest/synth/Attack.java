package io.watchfloor.loadtest.synth;

import io.watchfloor.loadtest.Ipv4;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One injected attack: a source of one or more sessions between an attacker and its targets, which
 * keeps its own ground truth (first and last packet, packet count) as it is written.
 */
final class Attack implements SessionSource {

  /** Builds the session starting at {@code t}; returns the next session's start or DONE. */
  interface Sessions {
    long build(SessionPackets out, long t, SplittableRandom r);
  }

  private final String category;
  private final String ruleName;
  private final int attacker;
  private final List<Integer> targets;
  private final SplittableRandom r;
  private final Sessions sessions;
  private long next;
  private long first = Long.MAX_VALUE;
  private long last = Long.MIN_VALUE;
  private long packets;

  Attack(String category, String ruleName, int attacker, List<Integer> targets, long start,
      SplittableRandom r, Sessions sessions) {
    this.category = category;
    this.ruleName = ruleName;
    this.attacker = attacker;
    this.targets = List.copyOf(targets);
    this.next = start;
    this.r = r;
    this.sessions = sessions;
  }

  @Override
  public long nextStart() {
    return next;
  }

  @Override
  public void emit(SessionPackets out) {
    next = sessions.build(out, next, r);
    packets += out.size();
    first = Math.min(first, out.firstMicros());
    last = Math.max(last, out.lastMicros());
  }

  /** The ground-truth row; valid once every session has been emitted. */
  TruthRow truth() {
    return new TruthRow(category, ruleName, Ipv4.format(attacker),
        targets.stream().map(Ipv4::format).toList(), instant(first), instant(last), packets);
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
        Math.floorMod(micros, 1_000_000L) * 1_000L);
  }
}
