package io.watchfloor.node.alert;

import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;

/**
 * An actor's first phase while something it needs loads: every message but the one saying it is
 * ready waits in a bounded stash, except those {@code skip} says are pointless to keep (a periodic
 * tick). A full stash drops what comes next, counted and logged once; {@code ready} decides what
 * the actor becomes and unstashes.
 */
final class HoldUntilReady {
  private HoldUntilReady() {}

  static <T, R extends T> Behavior<T> create(ActorContext<T> context, StashBuffer<T> stash, Class<T> type,
      Class<R> readyType, Predicate<T> skip, Function<R, Behavior<T>> ready) {
    long[] dropped = {0};
    return Behaviors.receive(type)
        .onMessage(readyType, r -> {
          if (dropped[0] > 0) {
            context.getLog().warn("{} messages were dropped while starting: more than {} were waiting",
                dropped[0], stash.capacity());
          }
          return ready.apply(r);
        })
        .onAnyMessage(m -> {
          if (skip.test(m)) {
            return Behaviors.same();
          }
          if (stash.isFull()) {
            if (dropped[0]++ == 0) {
              context.getLog().warn("Still starting with {} messages waiting: dropping more", stash.capacity());
            }
          } else {
            stash.stash(m);
          }
          return Behaviors.same();
        })
        .build();
  }
}
