package io.watchfloor.node.cluster;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.typesafe.config.ConfigFactory;
import io.watchfloor.node.NodeConfig;
import io.watchfloor.node.WatchfloorNode;
import io.watchfloor.node.host.HostMonitor;
import io.watchfloor.protocol.host.HostKey;
import io.watchfloor.protocol.host.HostWindow;
import io.watchfloor.protocol.host.HostWindow.ScanEvidence;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Heap per active and per passivated host entity, measured on a real node (benchmark, not a test):
 * N hosts each learn W windows through sharding, the heap is measured after GC, then all hosts
 * passivate (snapshot to Cassandra) and it is measured again.
 *
 * <pre>java -Xmx2g -cp node/target/test-classes:node/target/classes:$(cat node/target/node.classpath) \
 *   io.watchfloor.node.cluster.HostHeapMeasurement 20000 3 127.0.0.1:9042</pre>
 */
public final class HostHeapMeasurement {
  private static final int IN_FLIGHT = 256;

  private HostHeapMeasurement() {}

  public static void main(String[] args) throws Exception {
    int hosts = Integer.parseInt(args[0]);
    int windows = Integer.parseInt(args[1]);
    String cassandra = args[2];
    String keyspace = "heap_" + Long.toString(System.currentTimeMillis(), 36);
    Duration idle = Duration.ofSeconds(30);
    var config = NodeConfig.load(ConfigFactory.parseString(
        "watchfloor.store.contact-points = [\"" + cassandra + "\"]\n"
            + "watchfloor.store.keyspace = " + keyspace + "\n"
            + "watchfloor.http.enabled = off\n"
            + "watchfloor.host.snapshot-every-windows = 1000\n"
            + "watchfloor.host.idle-timeout = " + idle.toSeconds() + "s\n"
            + "pekko.loglevel = WARNING\n"));
    try (WatchfloorNode node = WatchfloorNode.start(config, Path.of("."), System.err::println)) {
      ClusterSharding sharding = ClusterSharding.get(node.system());
      long before = usedAfterGc();
      long started = System.nanoTime();
      Semaphore permits = new Semaphore(IN_FLIGHT);
      for (int w = 0; w < windows; w++) {
        for (int h = 0; h < hosts; h++) {
          String ip = "10." + (h >> 16 & 255) + "." + (h >> 8 & 255) + "." + (h & 255);
          HostWindow window = new HostWindow("local", "bench", ip, w * 10_000L, 10_000L,
              10 + h % 7, 12, 1_500 + h % 100, 900, 3, 1, 0, 2, 2, 0, ScanEvidence.NONE);
          permits.acquire();
          sharding.entityRefFor(HostMonitor.TYPE_KEY, HostMonitor.entityId(HostKey.of("local", ip)))
              .<HostMonitor.WindowApplied>askWithStatus(r -> new HostMonitor.ApplyWindow(window, "run", r),
                  Duration.ofSeconds(60))
              .whenComplete((ok, failure) -> {
                permits.release();
                if (failure != null) {
                  System.err.println("window not applied: " + failure);
                }
              });
        }
      }
      permits.acquire(IN_FLIGHT);
      permits.release(IN_FLIGHT);
      double seconds = (System.nanoTime() - started) / 1e9;
      long active = usedAfterGc();
      System.out.printf("%d hosts x %d windows applied in %.1f s (%.0f windows/s)%n",
          hosts, windows, seconds, hosts * (double) windows / seconds);
      System.out.printf("heap before %d MiB, with %d active hosts %d MiB: %.0f bytes per active host%n",
          before >> 20, hosts, active >> 20, (active - before) / (double) hosts);
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

  private static long usedAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(300);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
