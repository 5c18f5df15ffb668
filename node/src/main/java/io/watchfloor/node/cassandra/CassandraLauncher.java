package io.watchfloor.node.cassandra;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts (once), finds and stops a single-node Apache Cassandra 5.0 server that runs as a separate
 * JVM from the Maven classpath of {@code cassandra-all} (see ops/pom.xml and /work/shared/STACK.md).
 *
 * <p>{@link #ensureRunning()} reuses any server that already answers CQL on host:nativePort; otherwise
 * it renders {@code ops/cassandra.yaml.template} into {@code <workDir>/conf/cassandra.yaml}, starts
 * {@code org.apache.cassandra.service.CassandraDaemon} in its own session (it outlives this JVM), writes
 * {@code <workDir>/cassandra.pid} and waits until the native protocol answers an OPTIONS request.
 * Starting is serialised across JVMs by a file lock on {@code <workDir>/launcher.lock}.
 */
public final class CassandraLauncher {

    private static final Logger log = LoggerFactory.getLogger(CassandraLauncher.class);

    static final String MAIN_CLASS = "org.apache.cassandra.service.CassandraDaemon";
    private static final int LOG_TAIL_LINES = 20;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 200;

    /** FileChannel.lock is per JVM; this serialises threads of one JVM in front of it. */
    private static final ReentrantLock JVM_LOCK = new ReentrantLock();

    /** Cassandra 5.0's conf/jvm17-server.options (not shipped in the jar), as listed in STACK.md. */
    static final List<String> JVM17_SERVER_OPTIONS = List.of(
            "-XX:+UseG1GC",
            "-XX:+ParallelRefProcEnabled",
            "-XX:MaxTenuringThreshold=1",
            "-XX:G1HeapRegionSize=16m",
            "-XX:G1RSetUpdatingPauseTimePercent=5",
            "-XX:MaxGCPauseMillis=300",
            "-XX:InitiatingHeapOccupancyPercent=70",
            "-Djdk.attach.allowAttachSelf=true",
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
            "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
            "--add-exports", "java.base/java.lang.ref=ALL-UNNAMED",
            "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-exports", "jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports", "jdk.attach/sun.tools.attach=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/java.io=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens", "jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "-Dio.netty.tryReflectionSetAccessible=true",
            "-Dio.netty.allocator.useCacheForAllThreads=true",
            "-Dio.netty.allocator.maxOrder=11");

    private static final String LOGBACK_XML = """
            <configuration>
              <!-- written by CassandraLauncher: INFO to stdout, which goes to logs/cassandra.out -->
              <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder>
                  <pattern>%-5level [%thread] %date{ISO8601} %F:%L - %msg%n</pattern>
                </encoder>
              </appender>
              <logger name="org.apache.cassandra" level="INFO"/>
              <logger name="com.datastax" level="WARN"/>
              <logger name="io.netty" level="WARN"/>
              <root level="INFO">
                <appender-ref ref="STDOUT"/>
              </root>
            </configuration>
            """;

    private final LauncherSettings settings;

    private CassandraLauncher(LauncherSettings settings) {
        this.settings = settings;
    }

    public static CassandraLauncher create(LauncherSettings settings) {
        return new CassandraLauncher(settings);
    }

    public LauncherSettings settings() {
        return settings;
    }

    // ------------------------------------------------------------------------------------------
    // ensureRunning

    /**
     * Returns once a CQL server answers on host:nativePort, starting one if none does.
     *
     * @throws IllegalStateException if the classpath file or template is missing, a port is taken by
     *                               something else, the server dies while starting or does not answer
     *                               within the start timeout (message includes the end of its log)
     */
    public LaunchResult ensureRunning() {
        if (cqlAnswers()) {
            return reused();
        }
        try {
            Files.createDirectories(settings.workDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + settings.workDir(), e);
        }
        return withLauncherLock(settings.startTimeout().plusSeconds(30), () -> {
            // Someone may have started it while we waited for the lock.
            if (cqlAnswers()) {
                return reused();
            }
            Optional<ProcessHandle> existing = livePidFileProcess();
            if (existing.isPresent()) {
                // A launcher (maybe in a JVM that has since died) started it; it is still coming up.
                ProcessHandle ph = existing.get();
                log.info("Cassandra pid {} (from {}) is alive but CQL does not answer yet: waiting for it",
                        ph.pid(), settings.pidFile());
                long t0 = System.nanoTime();
                awaitCql(ph, null, t0);
                return new LaunchResult(settings.host(), settings.nativePort(), ph.pid(), false,
                        Duration.ofNanos(System.nanoTime() - t0), settings.workDir());
            }
            return start();
        });
    }

    private LaunchResult reused() {
        long pid = livePidFileProcess().map(ProcessHandle::pid).orElse(-1L);
        log.info("Reusing Cassandra already answering CQL on {} (pid {})", settings.contactPoint(),
                pid < 0 ? "unknown" : pid);
        return new LaunchResult(settings.host(), settings.nativePort(), pid, false, Duration.ZERO,
                settings.workDir());
    }

    private LaunchResult start() throws IOException {
        String classpath = readClasspath();
        String template = readTemplate();
        checkPortsFree();

        Path conf = settings.confDir();
        Path data = settings.dataDir();
        Path logFile = settings.logFile();
        Files.createDirectories(conf.resolve("triggers"));
        Files.createDirectories(data);
        Files.createDirectories(logFile.getParent());
        Path yaml = conf.resolve("cassandra.yaml");
        Files.writeString(yaml, render(template));
        Path logback = conf.resolve("logback.xml");
        Files.writeString(logback, LOGBACK_XML);
        if (Files.exists(logFile)) {
            Files.move(logFile, logFile.resolveSibling("cassandra.out.1"), StandardCopyOption.REPLACE_EXISTING);
        }

        List<String> command = command(classpath, yaml, logback);
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(settings.workDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().remove("CLASSPATH");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("_JAVA_OPTIONS");

        log.info("Starting Cassandra on {} (storage port {}, heap {}, data in {}, log {})",
                settings.contactPoint(), settings.storagePort(), settings.heap(), data, logFile);
        long t0 = System.nanoTime();
        Process process = pb.start();
        long pid = process.pid();
        Files.writeString(settings.pidFile(), pid + "\n");
        try {
            awaitCql(process.toHandle(), process, t0);
        } catch (RuntimeException e) {
            if (process.isAlive()) {
                process.destroyForcibly();
                try {
                    process.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
            Files.deleteIfExists(settings.pidFile());
            throw e;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        log.info("Cassandra ready on {} in {} s (pid {}, data in {})", settings.contactPoint(),
                seconds(took), pid, data);
        return new LaunchResult(settings.host(), settings.nativePort(), pid, true, took, settings.workDir());
    }

    List<String> command(String classpath, Path yaml, Path logback) {
        List<String> cmd = new ArrayList<>();
        Path setsid = Path.of("/usr/bin/setsid");
        if (Files.isExecutable(setsid)) {
            // Own session: a Ctrl-C on the terminal of the parent does not reach the server.
            // setsid execs in place (our child is no process-group leader), so the pid stays the same.
            cmd.add(setsid.toString());
        }
        cmd.add(javaExecutable());
        cmd.add("-Xms" + settings.heap());
        cmd.add("-Xmx" + settings.heap());
        cmd.add("-Xss256k");
        cmd.addAll(JVM17_SERVER_OPTIONS);
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        cmd.add("-Djava.net.preferIPv4Stack=true");
        cmd.add("-Dcassandra-foreground=yes");
        cmd.add("-Dcassandra.config=" + yaml.toUri());
        cmd.add("-Dcassandra.storagedir=" + settings.dataDir());
        cmd.add("-Dcassandra.logdir=" + settings.logFile().getParent());
        cmd.add("-Dlogback.configurationFile=" + logback);
        cmd.add("-Dcassandra.ring_delay_ms=100");
        cmd.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
        cmd.add("-Dcassandra.superuser_setup_delay_ms=0");
        // Single node: nobody to announce the shutdown to (saves 2 s on every stop).
        cmd.add("-Dcassandra.shutdown_announce_in_ms=0");
        cmd.add("-Dcassandra.triggers_dir=" + settings.confDir().resolve("triggers"));
        cmd.add("-Dwatchfloor.cassandra.workDir=" + settings.workDir());
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(MAIN_CLASS);
        return cmd;
    }

    private static String javaExecutable() {
        Path fromHome = Path.of(System.getProperty("java.home"), "bin", "java");
        if (Files.isExecutable(fromHome)) {
            return fromHome.toString();
        }
        return ProcessHandle.current().info().command().orElse("java");
    }

    private String readClasspath() throws IOException {
        Path file = settings.classpathFile();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Cassandra classpath file " + file + " is missing: run `mvn -B -pl ops package`"
                    + " in the Watchfloor checkout (or `ops/cassandra start`, which builds it) first");
        }
        String cp = Files.readString(file).trim();
        if (cp.isEmpty()) {
            throw new IllegalStateException("Cassandra classpath file " + file + " is empty: run `mvn -B -pl ops package` again");
        }
        List<String> missing = Arrays.stream(cp.split(java.io.File.pathSeparator))
                .filter(p -> !p.isBlank() && !Files.exists(Path.of(p)))
                .limit(3)
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Cassandra classpath file " + file + " names missing jars " + missing
                    + ": run `mvn -B -pl ops package` again");
        }
        return cp;
    }

    private String readTemplate() throws IOException {
        Path template = settings.yamlTemplate();
        if (!Files.isRegularFile(template)) {
            throw new IllegalStateException("Cassandra yaml template " + template + " is missing"
                    + " (expected ops/cassandra.yaml.template of the Watchfloor checkout;"
                    + " set -Dwatchfloor.home or -Dwatchfloor.cassandra.yamlTemplate)");
        }
        return Files.readString(template);
    }

    String render(String template) {
        return template
                .replace("${HOST}", settings.host())
                .replace("${NATIVE_PORT}", Integer.toString(settings.nativePort()))
                .replace("${STORAGE_PORT}", Integer.toString(settings.storagePort()))
                .replace("${DATA_DIR}", settings.dataDir().toString());
    }

    private void checkPortsFree() {
        if (tcpConnects(settings.host(), settings.nativePort())) {
            throw new IllegalStateException("Port " + settings.contactPoint()
                    + " is in use by something that does not answer CQL: free it or choose another native port");
        }
        for (int port : new int[] {settings.nativePort(), settings.storagePort()}) {
            try (ServerSocket ss = new ServerSocket()) {
                ss.setReuseAddress(true);
                ss.bind(new InetSocketAddress(InetAddress.getByName(settings.host()), port));
            } catch (IOException e) {
                throw new IllegalStateException("Cannot start Cassandra: " + settings.host() + ":" + port
                        + " is not free (" + e.getMessage() + ")", e);
            }
        }
    }

    private void awaitCql(ProcessHandle handle, Process process, long t0) {
        long deadline = t0 + settings.startTimeout().toNanos();
        while (true) {
            if (cqlAnswers()) {
                return;
            }
            boolean alive = process != null ? process.isAlive() : handle.isAlive();
            if (!alive) {
                String exit = "";
                if (process != null) {
                    try {
                        exit = " with exit code " + process.exitValue();
                    } catch (IllegalThreadStateException ignored) {
                        // raced with isAlive
                    }
                }
                throw new IllegalStateException("Cassandra (pid " + handle.pid() + ") died while starting" + exit
                        + " after " + seconds(Duration.ofNanos(System.nanoTime() - t0)) + " s; last lines of "
                        + settings.logFile() + ":\n" + logTail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Cassandra (pid " + handle.pid() + ") did not answer CQL on "
                        + settings.contactPoint() + " within " + settings.startTimeout().toSeconds()
                        + " s; last lines of " + settings.logFile() + ":\n" + logTail());
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Cassandra to start", e);
            }
        }
    }

    String logTail() {
        Path file = settings.logFile();
        if (!Files.exists(file)) {
            return "(no log file)";
        }
        Deque<String> tail = new ArrayDeque<>();
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            lines.forEach(l -> {
                tail.addLast(l);
                if (tail.size() > LOG_TAIL_LINES) {
                    tail.removeFirst();
                }
            });
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read log: " + e.getMessage() + ")";
        }
        return String.join("\n", tail);
    }

    // ------------------------------------------------------------------------------------------
    // stop / status

    /**
     * Stops the server recorded in the pid file: SIGTERM, wait up to 60 s, then SIGKILL; removes the
     * pid file. Does nothing if there is no live pid-file process (a server this launcher did not
     * start is left alone).
     */
    public void stop() {
        if (!Files.exists(settings.pidFile())) {
            log.info("No pid file {}: nothing to stop", settings.pidFile());
            return;
        }
        withLauncherLock(settings.startTimeout().plus(STOP_TIMEOUT), () -> {
            Optional<ProcessHandle> ph = livePidFileProcess();
            if (ph.isEmpty()) {
                log.info("Cassandra of {} is not running; removing stale pid file", settings.pidFile());
                Files.deleteIfExists(settings.pidFile());
                return null;
            }
            ProcessHandle handle = ph.get();
            long t0 = System.nanoTime();
            log.info("Stopping Cassandra pid {} (SIGTERM)", handle.pid());
            handle.destroy();
            try {
                handle.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                log.warn("Cassandra pid {} did not exit within {} s: killing it", handle.pid(), STOP_TIMEOUT.toSeconds());
                handle.destroyForcibly();
                try {
                    handle.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    // reported below
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stopping Cassandra", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e);
            }
            if (handle.isAlive()) {
                throw new IllegalStateException("Cassandra pid " + handle.pid() + " survived SIGKILL");
            }
            Files.deleteIfExists(settings.pidFile());
            log.info("Cassandra pid {} stopped in {} s", handle.pid(), seconds(Duration.ofNanos(System.nanoTime() - t0)));
            return null;
        });
    }

    public Status status() {
        Optional<ProcessHandle> ph = livePidFileProcess();
        return new Status(cqlAnswers(), ph.map(ProcessHandle::pid).orElse(-1L), ph.isPresent(),
                settings.host(), settings.nativePort());
    }

    /** The process named by the pid file, if alive and (as far as we can tell) a Cassandra JVM. */
    Optional<ProcessHandle> livePidFileProcess() {
        Path pidFile = settings.pidFile();
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).trim());
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments()
                        .map(args -> Arrays.asList(args).contains(MAIN_CLASS))
                        .orElse(true)); // arguments unknown: trust the pid file
    }

    // ------------------------------------------------------------------------------------------
    // CQL probe

    /** True if a CQL server on host:nativePort answers a native protocol v4 OPTIONS with SUPPORTED. */
    public boolean cqlAnswers() {
        return cqlAnswers(settings.host(), settings.nativePort(), Duration.ofSeconds(2));
    }

    /**
     * Sends a native protocol v4 OPTIONS frame and expects a SUPPORTED response: a real CQL check
     * without the driver (no session, no metadata refresh, no log noise).
     */
    public static boolean cqlAnswers(String host, int port, Duration timeout) {
        try (Socket socket = new Socket()) {
            int ms = (int) timeout.toMillis();
            socket.connect(new InetSocketAddress(host, port), ms);
            socket.setSoTimeout(ms);
            OutputStream out = socket.getOutputStream();
            // version 4 request, flags 0, stream 1, opcode OPTIONS (0x05), body length 0
            out.write(new byte[] {0x04, 0x00, 0x00, 0x01, 0x05, 0x00, 0x00, 0x00, 0x00});
            out.flush();
            InputStream in = socket.getInputStream();
            DataInputStream din = new DataInputStream(in);
            byte[] header = new byte[9];
            din.readFully(header);
            int version = header[0] & 0xFF;
            int opcode = header[4] & 0xFF;
            return (version & 0x80) != 0 && opcode == 0x06; // response bit set, SUPPORTED
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean tcpConnects(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------------------------------
    // locking

    private interface LockedAction<T> {
        T run() throws IOException;
    }

    private <T> T withLauncherLock(Duration wait, LockedAction<T> action) {
        long deadline = System.nanoTime() + wait.toNanos();
        boolean jvmLocked = false;
        try {
            jvmLocked = JVM_LOCK.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (!jvmLocked) {
                throw new IllegalStateException("timed out waiting for another thread of this JVM to finish launching Cassandra");
            }
            Files.createDirectories(settings.workDir());
            try (FileChannel ch = FileChannel.open(settings.lockFile(),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = ch.tryLock();
                if (lock == null) {
                    log.info("Another process holds {}: waiting for it", settings.lockFile());
                }
                while (lock == null) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("timed out waiting for the launcher lock " + settings.lockFile()
                                + " (another process is starting or stopping Cassandra)");
                    }
                    Thread.sleep(POLL_MILLIS);
                    lock = ch.tryLock();
                }
                try {
                    return action.run();
                } finally {
                    lock.release();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the launcher lock", e);
        } finally {
            if (jvmLocked) {
                JVM_LOCK.unlock();
            }
        }
    }

    static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }
}
