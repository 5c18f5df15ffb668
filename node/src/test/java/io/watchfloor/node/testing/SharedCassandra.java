package io.watchfloor.node.testing;

import com.datastax.oss.driver.api.core.CqlSession;
import io.watchfloor.node.cassandra.CassandraLauncher;
import io.watchfloor.node.cassandra.LaunchResult;
import io.watchfloor.node.cassandra.LauncherSettings;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension giving tests one real Cassandra 5.0 server per test JVM.
 *
 * <pre>{@code
 * @ExtendWith(SharedCassandra.class)
 * class MyRepositoryTest {
 *     static CqlSession session;
 *     static String keyspace;
 *
 *     @BeforeAll
 *     static void connect() {
 *         session = SharedCassandra.newSession();          // local DC datacenter1
 *         keyspace = SharedCassandra.freshKeyspace("alerts"); // e.g. alerts_1_k3j9x2 (not created)
 *         session.execute("CREATE KEYSPACE " + keyspace + " WITH replication ="
 *                 + " {'class': 'SimpleStrategy', 'replication_factor': 1}");
 *     }
 *
 *     @AfterAll
 *     static void close() { session.close(); }
 * }
 * }</pre>
 *
 * <p>The first use in a JVM calls {@link CassandraLauncher#ensureRunning()} with
 * {@link LauncherSettings#defaults(Path)} of {@code -Dwatchfloor.home} (surefire sets it to the repo
 * root): an already running server (e.g. {@code ops/cassandra start}) is reused and left running; a
 * server started here is stopped when the root extension context closes, i.e. after all tests of
 * the JVM. The static helpers also work without the extension (then a shutdown hook stops a server
 * this JVM started). Tests must not stop or restart the shared server themselves.
 */
public final class SharedCassandra implements BeforeAllCallback {

    public static final String LOCAL_DATACENTER = "datacenter1";

    private static final String STORE_KEY = SharedCassandra.class.getName();
    private static final AtomicInteger KEYSPACE_COUNTER = new AtomicInteger();

    private static volatile Server server;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(STORE_KEY, key -> server(true), Server.class);
    }

    /** The launch result of the shared server (starting it if needed). */
    public static LaunchResult launchResult() {
        return server(false).result;
    }

    /** "127.0.0.1:9042". */
    public static String contactPoint() {
        return launchResult().contactPoint();
    }

    /** A new session to the shared server (local DC datacenter1, no keyspace); close it yourself. */
    public static CqlSession newSession() {
        LaunchResult r = launchResult();
        return CqlSession.builder()
                .addContactPoint(new InetSocketAddress(r.host(), r.nativePort()))
                .withLocalDatacenter(LOCAL_DATACENTER)
                .build();
    }

    /**
     * A keyspace name unique to this JVM run: {@code <prefix>_<n>_<random>}, lowercase
     * {@code [a-z0-9_]}, starting with a letter, at most 48 characters. The keyspace is not created.
     */
    public static String freshKeyspace(String prefix) {
        String p = prefix == null ? "" : prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (p.isEmpty() || !Character.isLetter(p.charAt(0))) {
            p = "ks_" + p;
        }
        String suffix = "_" + KEYSPACE_COUNTER.incrementAndGet() + "_"
                + Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36 * 36), 36);
        int room = 48 - suffix.length();
        if (p.length() > room) {
            p = p.substring(0, room);
        }
        return p + suffix;
    }

    /**
     * The settings used: defaults of -Dwatchfloor.home (or the nearest directory up with ops/pom.xml),
     * with a 1 GiB heap ({@code -Dwatchfloor.test.cassandra.heap}): the suite leaves some fifty
     * keyspaces of a dozen tables each, and 512 MiB ran out of heap at about seventy.
     */
    public static LauncherSettings settings() {
        return LauncherSettings.defaults(watchfloorHome())
                .withHeap(System.getProperty("watchfloor.test.cassandra.heap", "1g"));
    }

    static Path watchfloorHome() {
        String home = System.getProperty("watchfloor.home");
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("ops").resolve("pom.xml"))) {
                return dir;
            }
        }
        return Path.of("").toAbsolutePath();
    }

    private static Server server(boolean ownedByExtension) {
        Server s = server;
        if (s == null) {
            synchronized (SharedCassandra.class) {
                s = server;
                if (s == null) {
                    CassandraLauncher launcher = CassandraLauncher.create(settings());
                    s = new Server(launcher, launcher.ensureRunning());
                    server = s;
                    if (s.result.startedByUs()) {
                        // Backstop for use without the extension (or an aborted JUnit run); close() is idempotent.
                        Server toStop = s;
                        Runtime.getRuntime().addShutdownHook(
                                new Thread(toStop::close, "shared-cassandra-stop"));
                    }
                }
            }
        }
        return s;
    }

    /** Stored in the root context: JUnit closes it after the last test of the JVM. */
    @SuppressWarnings("deprecation") // CloseableResource: for JUnit < 5.13; 5.13+ closes AutoCloseable values
    static final class Server implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final CassandraLauncher launcher;
        final LaunchResult result;
        private final AtomicBoolean closed = new AtomicBoolean();

        Server(CassandraLauncher launcher, LaunchResult result) {
            this.launcher = launcher;
            this.result = result;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true) && result.startedByUs()) {
                launcher.stop();
            }
        }
    }
}
