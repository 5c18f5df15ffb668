package io.watchfloor.node.netflow;

import io.watchfloor.protocol.flow.FlowRecord;
import io.watchfloor.protocol.ip.IpAddresses;
import io.watchfloor.protocol.netflow.DecodeResult;
import io.watchfloor.protocol.netflow.FlowExportDecoder;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.io.UdpSO;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.connectors.udp.Datagram;
import org.apache.pekko.stream.connectors.udp.javadsl.Udp;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives NetFlow v5, v9 and IPFIX datagrams on a UDP socket and hands every flow record to a
 * consumer. One stream, one decoder (so one template cache for all exporters). A datagram that does
 * not decode is counted and logged, never fatal; a consumer that throws is counted too.
 *
 * <p>The consumer runs on the stream's thread, one record at a time: it must not block (to reach
 * an actor, pass {@code actorRef::tell}).
 */
public final class NetflowCollector {

  private static final Logger log = LoggerFactory.getLogger(NetflowCollector.class);

  /**
   * Default socket receive buffer requested ({@code watchfloor.capture.netflow-receive-buffer}).
   * Exporters send in bursts (softflowd flushes every expired flow at once); the kernel default
   * (~200 KiB) drops datagrams while the stream is busy. The kernel caps it at net.core.rmem_max.
   */
  public static final int DEFAULT_RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

  private static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(5);

  private final InetSocketAddress boundAddress;
  private final UniqueKillSwitch killSwitch;
  private final CompletionStage<Done> done;
  private final Counters counters;

  private NetflowCollector(InetSocketAddress boundAddress, UniqueKillSwitch killSwitch,
      CompletionStage<Done> done, Counters counters) {
    this.boundAddress = boundAddress;
    this.killSwitch = killSwitch;
    this.done = done;
    this.counters = counters;
  }

  /**
   * Binds {@code host:port} (port 0: any free port, see {@link #port()}) and starts collecting.
   * The stage completes once the socket is bound, or fails if it cannot be.
   */
  public static CompletionStage<NetflowCollector> start(ActorSystem<?> system, String host,
      int port, Consumer<FlowRecord> consumer) {
    Counters counters = new Counters();
    Pair<Pair<CompletionStage<InetSocketAddress>, UniqueKillSwitch>, CompletionStage<Done>> mat =
        flows(system, new InetSocketAddress(host, port), DEFAULT_RECEIVE_BUFFER_BYTES, counters)
            .viaMat(KillSwitches.single(), Keep.both())
            .toMat(Sink.foreach(flow -> counters.hand(flow, consumer)), Keep.both())
            .run(system);
    CompletionStage<Done> done = mat.second();
    UniqueKillSwitch killSwitch = mat.first().second();
    done.whenComplete((ignored, failure) -> {
      if (failure != null) {
        log.error("NetFlow collector on {}:{} stopped", host, port, failure);
      }
    });
    return mat.first().first().thenApply(bound -> {
      log.info("NetFlow/IPFIX collector listening on {}", bound);
      return new NetflowCollector(bound, killSwitch, done, counters);
    });
  }

  /**
   * The flow records arriving on a UDP socket, as a stream: the socket is bound when the stream
   * is materialised (the materialised stage gives the bound address). Bad datagrams are counted in
   * {@code counters} and skipped. When downstream is slower than the exporters, the socket buffer
   * fills and the kernel drops datagrams: UDP cannot push back further ({@link UdpKernelDrops}
   * counts them).
   *
   * @param receiveBufferBytes the socket receive buffer (SO_RCVBUF) to ask the kernel for
   */
  public static Source<FlowRecord, CompletionStage<InetSocketAddress>> flows(
      ActorSystem<?> system, InetSocketAddress bind, int receiveBufferBytes, Counters counters) {
    FlowExportDecoder decoder = new FlowExportDecoder();
    return Source.<Datagram>maybe()
        .viaMat(Udp.bindFlow(bind, List.of(UdpSO.receiveBufferSize(receiveBufferBytes)), system),
            Keep.right())
        .mapMaterializedValue(bound -> bound.thenApply(address -> {
          counters.watchKernelDrops(address.getPort());
          ReceiveBuffer.logGranted(address, receiveBufferBytes);
          return address;
        }))
        .mapConcat(datagram -> counters.receive(datagram, decoder));
  }

  /** The bound socket address; its port is the real one when 0 was asked for. */
  public InetSocketAddress boundAddress() {
    return boundAddress;
  }

  public int port() {
    return boundAddress.getPort();
  }

  public CollectorStats stats() {
    return counters.snapshot();
  }

  /**
   * Stops the stream and unbinds the socket. The stage completes once the port can be bound again:
   * the UDP listener unbinds asynchronously after the stream has finished, so a collector restarted
   * on the same port right after the stream's completion could otherwise fail with "address in use".
   */
  public CompletionStage<Done> stop() {
    killSwitch.shutdown();
    return done.thenCompose(ignored -> CompletableFuture.supplyAsync(this::awaitReleased));
  }

  private Done awaitReleased() {
    long deadline = System.nanoTime() + RELEASE_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      try (DatagramSocket probe = new DatagramSocket(boundAddress)) {
        return Done.getInstance();
      } catch (SocketException inUse) {
        LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
      }
    }
    log.warn("NetFlow collector socket {} still bound {} after stop", boundAddress, RELEASE_TIMEOUT);
    return Done.getInstance();
  }

  /** Completes when the stream finishes, after {@link #stop()} or on a socket failure. */
  public CompletionStage<Done> whenStopped() {
    return done;
  }

  /** Counters, written by the stream's single thread and read by anyone. */
  public static final class Counters {
    final AtomicLong datagrams = new AtomicLong();
    final AtomicLong flows = new AtomicLong();
    final AtomicLong decodeErrors = new AtomicLong();
    final AtomicLong unknownTemplateRecords = new AtomicLong();
    final AtomicLong consumerFailures = new AtomicLong();
    private volatile UdpKernelDrops kernelDrops;

    void watchKernelDrops(int port) {
      kernelDrops = new UdpKernelDrops(port);
    }

    /**
     * Datagrams the kernel dropped at the socket since it was bound (read from /proc, so call it
     * periodically, not per datagram); 0 before the socket is bound or where /proc is missing.
     */
    public long kernelDrops() {
      UdpKernelDrops drops = kernelDrops;
      return drops == null ? 0 : drops.read();
    }

    List<FlowRecord> receive(Datagram datagram, FlowExportDecoder decoder) {
      datagrams.incrementAndGet();
      String exporter = exporter(datagram.remote());
      ByteBuffer bytes = datagram.data().asByteBuffer();
      DecodeResult result = decoder.decode(bytes, exporter);
      unknownTemplateRecords.addAndGet(result.unknownTemplateRecords());
      if (!result.ok()) {
        decodeErrors.incrementAndGet();
        log.warn("dropped {}-byte datagram from {}: {}", bytes.remaining(), datagram.remote(),
            result.error());
        return List.of();
      }
      flows.addAndGet(result.flows().size());
      return result.flows();
    }

    void hand(FlowRecord flow, Consumer<FlowRecord> consumer) {
      try {
        consumer.accept(flow);
      } catch (RuntimeException e) {
        consumerFailures.incrementAndGet();
        log.warn("flow consumer failed on a record from {}", flow.metadata().get("observer.ip"), e);
      }
    }

    public CollectorStats snapshot() {
      return new CollectorStats(datagrams.get(), flows.get(), decodeErrors.get(),
          unknownTemplateRecords.get(), consumerFailures.get());
    }
  }

  /** The exporter's address in the flow records' text form (dotted quad, RFC 5952). */
  static String exporter(InetSocketAddress remote) {
    InetAddress address = remote.getAddress();
    if (address == null) {
      return remote.getHostString();
    }
    ByteBuffer raw = ByteBuffer.wrap(address.getAddress());
    return raw.remaining() == 4
        ? IpAddresses.format(0, IpAddresses.ipv4Lo(raw.getInt()))
        : IpAddresses.format(raw.getLong(), raw.getLong());
  }
}
