package io.watchfloor.node.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.watchfloor.node.NodeConfig;
import io.watchfloor.node.WatchfloorNode;
import io.watchfloor.node.capture.CaptureSpec;
import io.watchfloor.protocol.api.SegmentStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Real nodes for tests: the shared Cassandra, a keyspace of the test's own, HTTP on a free port. */
public final class TestNodes {
  private TestNodes() {}

  /** Config for a test node; {@code extraHocon} overrides. */
  public static Config config(String keyspace, String extraHocon) {
    String hocon =
        "watchfloor.store.contact-points = [\"" + SharedCassandra.contactPoint() + "\"]\n"
            + "watchfloor.store.keyspace = " + keyspace + "\n"
            + "watchfloor.http.port = 0\n"
            + "pekko.actor.serialize-messages = on\n"
            // API tests other than the authentication tests call without tokens
            + "watchfloor.http.auth.enabled = off\n"
            + extraHocon;
    return NodeConfig.load(ConfigFactory.parseString(hocon));
  }

  /** A config file for the CLI: the shared Cassandra and a keyspace of the caller's own. */
  public static Path configFile(Path dir, String keyspacePrefix) throws java.io.IOException {
    return java.nio.file.Files.writeString(
        dir.resolve(keyspacePrefix + ".conf"),
        "watchfloor.store.keyspace = " + SharedCassandra.freshKeyspace(keyspacePrefix) + "\n"
            + "watchfloor.store.contact-points = [\"" + SharedCassandra.contactPoint() + "\"]\n");
  }

  public static WatchfloorNode start(Config config) {
    return WatchfloorNode.start(config, home(), msg -> {});
  }

  public static Path home() {
    return Path.of(System.getProperty("watchfloor.home", "..")).toAbsolutePath().normalize();
  }

  /** Runs a capture file through the node and waits for it to finish. */
  public static SegmentStatus capture(WatchfloorNode node, String segment, Path file, Duration timeout)
      throws Exception {
    node.startCaptureAndWait(CaptureSpec.ofFile(segment, file.toString()));
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      SegmentStatus s = node.segmentStatus(segment).toCompletableFuture().get(10, TimeUnit.SECONDS);
      if (s.finished()) {
        return s;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("capture of " + file + " did not finish in " + timeout);
  }
}
