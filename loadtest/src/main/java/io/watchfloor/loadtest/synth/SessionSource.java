package io.watchfloor.loadtest.synth;

/**
 * Something that starts sessions over simulated time: a host's ordinary activity or one injected
 * attack. The generator asks each source for its next start, in global time order, so a source
 * produces its sessions lazily and memory holds only the sessions in progress.
 */
interface SessionSource {

  /** Sentinel start time of a source that has nothing more to send. */
  long DONE = Long.MAX_VALUE;

  /** Start of the next session in microseconds, or {@link #DONE}. */
  long nextStart();

  /** Adds the packets of the session starting at {@link #nextStart()} and moves on to the next. */
  void emit(SessionPackets out);
}
