package io.watchfloor.node.capture;

import io.watchfloor.models.window.HostWindowAggregator;
import io.watchfloor.node.netflow.NetflowCollector;
import io.watchfloor.protocol.flow.FlowRecord;
import io.watchfloor.protocol.host.HostWindow;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Source;

/**
 * A NetFlow/IPFIX segment: flow records from the UDP collector, aggregated into per-host windows by
 * their end time. A window also closes when no record has arrived for one window length, so the
 * last window of a burst (or of a replay) is not held back.
 */
final class NetflowWindows {
  private static final Object TICK = new Object();
  private static final Duration TICK_EVERY = Duration.ofSeconds(1);

  private NetflowWindows() {}

  static Source<List<HostWindow>, CompletionStage<InetSocketAddress>> source(
      ActorSystem<?> system, InetSocketAddress bind, int receiveBufferBytes, HostWindowAggregator aggregator,
      CaptureProgress progress) {
    NetflowCollector.Counters counters = new NetflowCollector.Counters();
    long idleMillis = aggregator.windowMillis();
    long[] lastArrival = {System.currentTimeMillis()};
    Source<Object, CompletionStage<InetSocketAddress>> flows =
        NetflowCollector.flows(system, bind, receiveBufferBytes, counters).map(f -> (Object) f);
    return flows
        .mergeMat(Source.tick(TICK_EVERY, TICK_EVERY, TICK), Keep.left())
        .map(item -> {
          List<HostWindow> closed;
          if (item == TICK) {
            closed = System.currentTimeMillis() - lastArrival[0] >= idleMillis ? aggregator.flush() : List.of();
            publish(aggregator, counters, progress);
          } else {
            lastArrival[0] = System.currentTimeMillis();
            closed = aggregator.accept((FlowRecord) item);
          }
          if (!closed.isEmpty()) {
            publish(aggregator, counters, progress);
          }
          return closed;
        })
        .filter(batch -> !batch.isEmpty());
  }

  /**
   * Progress of a NetFlow segment, every second and when windows close: datagrams stand in for the
   * file position; kernel drops are the socket's (read from /proc).
   */
  private static void publish(
      HostWindowAggregator aggregator, NetflowCollector.Counters counters, CaptureProgress progress) {
    var collector = counters.snapshot();
    progress.decodeErrors(collector.decodeErrors());
    progress.publish(aggregator.counters().snapshot(), collector.datagrams(), -1, counters.kernelDrops());
  }
}
