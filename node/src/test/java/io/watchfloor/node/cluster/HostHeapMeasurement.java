package io.watchfloor.node.cluster;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.typesafe.config.ConfigFactory;
import io.watchfloor.node.NodeConfig;
import io.watchfloor.node.WatchfloorNode;
import io.watchfloor.node.host.HostMonitor;
import io.watchfloor.protocol.host.HostWindow;
import io.watchfloor.protocol.host.HostWindow.ScanEvidence;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.delivery.ShardingProducerController;
import org.apache.pekko.cluster.sharding.typed.delivery.ShardingProducerController.RequestNext;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Heap per active and per passivated host entity, measured on a real node (benchmark, not a test):
 * N hosts each learn W windows, the heap is measured after GC, then all hosts passivate (snapshot
 * to Cassandra) and it is measured again.
 *
 * <p>Mode {@code delivery} (the default) sends the windows as capture does: through
 * {@link ShardingProducerController}s, one per about {@value #HOSTS_PER_PRODUCER} hosts (as if each were
 * a segment's capture run; one producer for all hosts slows to tens of windows per second, as it
 * rebuilds the set of its entities for every message), so every host entity also holds the consumer
 * controller of its run, and the producer side holds one producer controller per host until it
 * stops; the heap is measured with the producers alive and again after they stopped. Mode
 * {@code ask} sends {@link HostMonitor.ApplyWindow} asks, as before reliable delivery. The idle
 * timeout (default 30 s) must be longer than sending takes, or the first hosts passivate early.
 *
 * <pre>java -Xmx2g -cp node/target/test-classes:node/target/classes:$(cat node/target/node.classpath) \
 *   io.watchfloor.node.cluster.HostHeapMeasurement 20000 3 127.0.0.1:9042 [delivery|ask] [idle-seconds]</pre>
 */
public final class HostHeapMeasurement {
  private static final int IN_FLIGHT = 256;
  private static final int HOSTS_PER_PRODUCER = 1_000;

  private HostHeapMeasurement() {}

  public static void main(String[] args) throws Exception {
    int hosts = Integer.parseInt(args[0]);
    int windows = Integer.parseInt(args[1]);
    String cassandra = args[2];
    String mode = args.length > 3 ? args[3] : "delivery";
    boolean delivery = mode.equals("delivery");
    String keyspace = "heap_" + Long.toString(System.currentTimeMillis(), 36);
    Duration idle = Duration.ofSeconds(args.length > 4 ? Integer.parseInt(args[4]) : 30);
    var config = NodeConfig.load(ConfigFactory.parseString(
        "watchfloor.store.contact-points = [\"" + cassandra + "\"]\n"
            + "watchfloor.store.keyspace = " + keyspace + "\n"
            + "watchfloor.http.enabled = off\n"
            + "watchfloor.host.snapshot-every-windows = 1000\n"
            + "watchfloor.host.idle-timeout = " + idle.toSeconds() + "s\n"
            + "pekko.loglevel = WARNING\n"));
    try (WatchfloorNode node = WatchfloorNode.start(config, Path.of("."), System.err::println)) {
      long before = usedAfterGc();
      long started = System.nanoTime();
      WindowSender sender = delivery ? new DeliverySender(node.system(), hosts) : new AskSender(node.system());
      for (int w = 0; w < windows; w++) {
        for (int h = 0; h < hosts; h++) {
          String ip = "10." + (h >> 16 & 255) + "." + (h >> 8 & 255) + "." + (h & 255);
          sender.send(new HostWindow("local", "bench", ip, w * 10_000L, 10_000L,
              10 + h % 7, 12, 1_500 + h % 100, 900, 3, 1, 0, 2, 2, 0, ScanEvidence.NONE));
        }
      }
      sender.awaitConfirmed();
      double seconds = (System.nanoTime() - started) / 1e9;
      long active = usedAfterGc();
      System.out.printf("%s: %d hosts x %d windows applied in %.1f s (%.0f windows/s)%n",
          mode, hosts, windows, seconds, hosts * (double) windows / seconds);
      System.out.printf("heap before %d MiB, with %d active hosts %d MiB: %.0f bytes per active host%n",
          before >> 20, hosts, active >> 20, (active - before) / (double) hosts);
      if (sender.stop()) {
        long hostSideOnly = usedAfterGc();
        System.out.printf("runs stopped, %d MiB: %.0f bytes per active host without delivery controllers%n",
            hostSideOnly >> 20, (hostSideOnly - before) / (double) hosts);
      }
      long maxHeap = Runtime.getRuntime().maxMemory();
      System.out.printf("at this heap (%d MiB, half kept free for GC headroom): %.0f active hosts%n",
          maxHeap >> 20, (maxHeap / 2.0 - before) / ((active - before) / (double) hosts));
      TimeUnit.MILLISECONDS.sleep(idle.toMillis() * 2 + 10_000);
      long passivated = usedAfterGc();
      System.out.printf("after passivation %d MiB: %.0f bytes per passivated host%n",
          passivated >> 20, (passivated - before) / (double) hosts);
      long bytes = 0;
      int rows = 0;
      String[] hp = cassandra.split(":");
      try (CqlSession session = CqlSession.builder()
          .addContactPoint(new InetSocketAddress(hp[0], Integer.parseInt(hp[1])))
          .withLocalDatacenter("datacenter1")
          .build()) {
        for (Row r : session.execute("SELECT baseline FROM " + keyspace + ".host_snapshots LIMIT 1000")) {
          bytes += r.getByteBuffer(0).remaining();
          rows++;
        }
      }
      System.out.printf("%d snapshots sampled: %.0f bytes each in Cassandra%n", rows, bytes / (double) Math.max(rows, 1));
    }
  }

  /** How the windows reach the host entities. */
  private interface WindowSender {
    void send(HostWindow window) throws InterruptedException;

    void awaitConfirmed() throws InterruptedException;

    /** Stops what the sender holds for the hosts; false if it holds nothing. */
    boolean stop() throws InterruptedException;
  }

  /** ApplyWindow asks through sharding, at most IN_FLIGHT at a time. */
  private static final class AskSender implements WindowSender {
    private final ClusterSharding sharding;
    private final Semaphore permits = new Semaphore(IN_FLIGHT);

    AskSender(ActorSystem<?> system) {
      this.sharding = ClusterSharding.get(system);
    }

    @Override
    public void send(HostWindow window) throws InterruptedException {
      permits.acquire();
      sharding.entityRefFor(HostMonitor.TYPE_KEY, HostMonitor.entityId(window.hostKey()))
          .<HostMonitor.WindowApplied>askWithStatus(r -> new HostMonitor.ApplyWindow(window, "run", r),
              Duration.ofSeconds(60))
          .whenComplete((ok, failure) -> {
            permits.release();
            if (failure != null) {
              System.err.println("window not applied: " + failure);
            }
          });
    }

    @Override
    public void awaitConfirmed() throws InterruptedException {
      permits.acquire(IN_FLIGHT);
      permits.release(IN_FLIGHT);
    }

    @Override
    public boolean stop() {
      return false;
    }
  }

  /** Capture runs' reliable delivery, as WindowProducer does it, at most IN_FLIGHT unconfirmed in all. */
  private static final class DeliverySender implements WindowSender {
    private final List<ProducerRun> runs = new ArrayList<>();
    private final Semaphore permits = new Semaphore(IN_FLIGHT);
    private final ActorRef<Done> confirmedTo;
    private final ActorRef<HostMonitor.WindowApplied> reportTo;

    DeliverySender(ActorSystem<?> system, int hosts) {
      for (int i = 0; i * HOSTS_PER_PRODUCER < hosts; i++) {
        runs.add(new ProducerRun(system, "heap-measurement-" + i));
      }
      confirmedTo = system.systemActorOf(Behaviors.<Done>receiveMessage(done -> {
        permits.release();
        return Behaviors.same();
      }), "heap-measurement-confirmed", Props.empty());
      reportTo = system.systemActorOf(Behaviors.ignore(), "heap-measurement-reports", Props.empty());
    }

    @Override
    public void send(HostWindow window) throws InterruptedException {
      permits.acquire();
      ProducerRun run = runs.get(Math.floorMod(window.hostKey().hashCode(), runs.size()));
      run.demand.take().askNextTo().tell(new ShardingProducerController.MessageWithConfirmation<>(
          HostMonitor.entityId(window.hostKey()), new HostMonitor.CaptureWindows(List.of(window), "run", reportTo),
          confirmedTo));
    }

    @Override
    public void awaitConfirmed() throws InterruptedException {
      permits.acquire(IN_FLIGHT);
      permits.release(IN_FLIGHT);
    }

    @Override
    public boolean stop() throws InterruptedException {
      runs.forEach(ProducerRun::stop);
      TimeUnit.SECONDS.sleep(5); // the hosts' consumer controllers stop when they see their producer go
      return true;
    }
  }

  /** One ShardingProducerController and the queue of its requests for the next window. */
  private static final class ProducerRun {
    private enum Stop { INSTANCE }

    final BlockingQueue<RequestNext<HostMonitor.Command>> demand = new LinkedBlockingQueue<>();
    private final ActorRef<Object> producer;

    ProducerRun(ActorSystem<?> system, String producerId) {
      Behavior<Object> requests = Behaviors.receive(Object.class)
          .onMessage(RequestNext.class, next -> {
            @SuppressWarnings("unchecked")
            RequestNext<HostMonitor.Command> typed = next;
            demand.add(typed);
            return Behaviors.same();
          })
          .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
          .build();
      Behavior<Object> withController = Behaviors.setup(ctx -> {
        var controller = ctx.spawn(ShardingProducerController.create(HostMonitor.Command.class,
            producerId, HostMonitor.windowRegion(system), Optional.empty()), "controller");
        controller.tell(new ShardingProducerController.Start<>(ctx.getSelf().narrow()));
        return requests;
      });
      producer = system.systemActorOf(withController, producerId, Props.empty());
    }

    void stop() {
      producer.tell(Stop.INSTANCE);
    }
  }

  private static long usedAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(300);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
