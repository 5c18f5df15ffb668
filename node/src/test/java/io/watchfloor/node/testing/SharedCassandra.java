package io.watchfloor.node.testing;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.watchfloor.node.cassandra.CassandraLauncher;
import io.watchfloor.node.cassandra.LaunchResult;
import io.watchfloor.node.cassandra.LauncherSettings;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *         keyspace = SharedCassandra.freshKeyspace("alerts"); // e.g. alerts_1_k3j9x2, dropped after the class
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
 * server started here is stopped when the (outermost) root extension context closes, i.e. after all
 * tests of the JVM. The static helpers also work without the extension (then a shutdown hook stops a
 * server this JVM started). Tests must not stop or restart the shared server themselves.
 *
 * <p>Every keyspace {@link #freshKeyspace} hands out is dropped ({@code DROP KEYSPACE IF EXISTS})
 * after the test class that asked for it, whether the test, the test's node or nobody created it:
 * the extension's {@code afterAll} runs after the class's own {@code @AfterAll}, so its nodes and
 * sessions are closed by then. A name handed out during a {@code @Nested} class belongs to that
 * class, one handed out in the outer class's {@code @BeforeAll} to the outer class. Names handed out
 * while no class with the extension runs are dropped when the last root context closes, or by the
 * shutdown hook. No other keyspace is ever dropped (a developer's {@code watchfloor} keyspace
 * survives), and a failed drop is logged, not thrown. {@code -Dwatchfloor.test.keep-keyspaces=true}
 * keeps them all, to look at what a failed test wrote. Classes are assumed to run one at a time (no
 * JUnit parallel execution), as the build runs them.
 */
public final class SharedCassandra implements BeforeAllCallback, AfterAllCallback {

    public static final String LOCAL_DATACENTER = "datacenter1";

    private static final Logger log = LoggerFactory.getLogger(SharedCassandra.class);
    private static final String STORE_KEY = SharedCassandra.class.getName();
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SharedCassandra.class);
    private static final AtomicInteger KEYSPACE_COUNTER = new AtomicInteger();
    /** A drop of a dozen tables waits for schema agreement; on a busy machine that takes a while. */
    private static final Duration DROP_TIMEOUT = Duration.ofSeconds(60);
    private static final boolean KEEP_KEYSPACES = Boolean.getBoolean("watchfloor.test.keep-keyspaces");

    private static volatile Server server;

    // Guarded by SharedCassandra.class.
    /** The running classes with the extension, innermost first: a fresh keyspace belongs to the first. */
    private static final Deque<ClassKeyspaces> runningClasses = new ArrayDeque<>();
    /** Keyspaces handed out while no class with the extension ran: dropped by the final sweep. */
    private static final List<String> unowned = new ArrayList<>();
    /** Root contexts open (more than one when a test runs tests through EngineTestKit). */
    private static int openRoots;

    @Override
    public void beforeAll(ExtensionContext context) {
        ClassKeyspaces own = new ClassKeyspaces();
        synchronized (SharedCassandra.class) {
            runningClasses.push(own);
        }
        context.getStore(NAMESPACE).put(ClassKeyspaces.class, own);
        context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(STORE_KEY, key -> new RootHandle(server(true)), RootHandle.class);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ClassKeyspaces own = context.getStore(NAMESPACE).remove(ClassKeyspaces.class, ClassKeyspaces.class);
        if (own == null) {
            return;
        }
        List<String> names;
        synchronized (SharedCassandra.class) {
            runningClasses.remove(own);
            names = List.copyOf(own.names);
        }
        drop(names, context.getDisplayName());
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
     * {@code [a-z0-9_]}, starting with a letter, at most 48 characters. The keyspace is not created,
     * but it is dropped after the test class that asked for it (see the class comment).
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
        String name = p + suffix;
        synchronized (SharedCassandra.class) {
            ClassKeyspaces running = runningClasses.peek();
            (running != null ? running.names : unowned).add(name);
        }
        return name;
    }

    /**
     * The settings used: defaults of -Dwatchfloor.home (or the nearest directory up with ops/pom.xml),
     * with a 1 GiB heap ({@code -Dwatchfloor.test.cassandra.heap}). The heap was raised when the suite
     * left some fifty keyspaces of a dozen tables each in the server (512 MiB ran out of heap at about
     * seventy); now a keyspace is dropped after its class, so a few are held at once.
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
                    // Backstop for use without the extension (or an aborted JUnit run): drops what is
                    // left, stops a server started here; both are idempotent.
                    Server last = s;
                    Runtime.getRuntime().addShutdownHook(
                            new Thread(() -> finalSweep(last), "shared-cassandra-stop"));
                }
            }
        }
        return s;
    }

    /** Drops what no class dropped (handed out outside a class with the extension); stops a server started here. */
    private static void finalSweep(Server s) {
        List<String> names = new ArrayList<>();
        synchronized (SharedCassandra.class) {
            names.addAll(unowned);
            unowned.clear();
            for (ClassKeyspaces running : runningClasses) {
                names.addAll(running.names);
                running.names.clear();
            }
        }
        drop(names, "final sweep");
        s.close();
    }

    /** Drops the given fresh keyspaces; a failure is logged, as a test's leftovers must not fail a test. */
    private static void drop(List<String> names, String owner) {
        Server s = server;
        if (names.isEmpty() || s == null) {
            return;
        }
        if (KEEP_KEYSPACES) {
            log.info("{}: keeping keyspaces {} (watchfloor.test.keep-keyspaces)", owner, names);
            return;
        }
        try (CqlSession session = newSession()) {
            for (String name : names) {
                try {
                    session.execute(SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + name)
                            .setTimeout(DROP_TIMEOUT));
                } catch (RuntimeException e) {
                    log.warn("{}: could not drop test keyspace {} on {}: {}",
                            owner, name, s.result.contactPoint(), e.toString());
                }
            }
        } catch (RuntimeException e) {
            log.warn("{}: could not connect to {} to drop test keyspaces {}: {}",
                    owner, s.result.contactPoint(), names, e.toString());
        }
    }

    /** The keyspaces handed out while one test class ran; identity equality, as a deque entry. */
    private static final class ClassKeyspaces {
        final List<String> names = new ArrayList<>();
    }

    /**
     * Stored in each root context: the last one open to close (the outer JUnit run, after all tests
     * of the JVM) sweeps what is left and stops a server started here. Roots of tests run through
     * EngineTestKit inside a test close earlier and must leave the server alone.
     */
    @SuppressWarnings("deprecation") // CloseableResource: for JUnit < 5.13; 5.13+ closes AutoCloseable values
    static final class RootHandle implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final Server server;
        private final AtomicBoolean closed = new AtomicBoolean();

        RootHandle(Server server) {
            this.server = server;
            synchronized (SharedCassandra.class) {
                openRoots++;
            }
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            boolean last;
            synchronized (SharedCassandra.class) {
                last = --openRoots == 0;
            }
            if (last) {
                finalSweep(server);
            }
        }
    }

    /** The shared server; {@link #close()} stops it if this JVM started it. */
    static final class Server implements AutoCloseable {
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
