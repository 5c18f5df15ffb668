package io.watchfloor.node.cassandra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how {@link CassandraLauncher} runs the development/test Cassandra server.
 *
 * @param workDir       holds conf/, data/, logs/, cassandra.pid and launcher.lock
 * @param host          address Cassandra listens on (storage and native transport)
 * @param nativePort    CQL native transport port
 * @param storagePort   inter-node storage port (bound even on a single node)
 * @param heap          -Xms/-Xmx value, e.g. "512m"
 * @param classpathFile file with the runtime classpath of cassandra-all (written by {@code mvn -pl ops package})
 * @param startTimeout  how long {@link CassandraLauncher#ensureRunning()} waits for CQL to answer
 */
public record LauncherSettings(
        Path workDir,
        String host,
        int nativePort,
        int storagePort,
        String heap,
        Path classpathFile,
        Duration startTimeout) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_NATIVE_PORT = 9042;
    public static final int DEFAULT_STORAGE_PORT = 7000;
    public static final String DEFAULT_HEAP = "512m";
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);

    public LauncherSettings {
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(classpathFile, "classpathFile");
        workDir = workDir.toAbsolutePath().normalize();
        classpathFile = classpathFile.toAbsolutePath().normalize();
        host = host == null || host.isBlank() ? DEFAULT_HOST : host;
        heap = heap == null || heap.isBlank() ? DEFAULT_HEAP : heap;
        startTimeout = startTimeout == null ? DEFAULT_START_TIMEOUT : startTimeout;
        if (nativePort <= 0 || nativePort > 65535) {
            throw new IllegalArgumentException("nativePort out of range: " + nativePort);
        }
        if (storagePort <= 0 || storagePort > 65535) {
            throw new IllegalArgumentException("storagePort out of range: " + storagePort);
        }
        if (nativePort == storagePort) {
            throw new IllegalArgumentException("nativePort and storagePort must differ: " + nativePort);
        }
        if (!heap.matches("\\d+[kKmMgG]?")) {
            throw new IllegalArgumentException("heap must look like 512m or 1g: " + heap);
        }
    }

    /**
     * Defaults for a Watchfloor checkout: work dir {@code <home>/.work/cassandra}, classpath file
     * {@code <home>/ops/target/cassandra.classpath}, 127.0.0.1:9042 (storage 7000), 512m heap, 120 s.
     */
    public static LauncherSettings defaults(Path watchfloorHome) {
        Path home = watchfloorHome.toAbsolutePath().normalize();
        return new LauncherSettings(
                home.resolve(".work").resolve("cassandra"),
                DEFAULT_HOST,
                DEFAULT_NATIVE_PORT,
                DEFAULT_STORAGE_PORT,
                DEFAULT_HEAP,
                home.resolve("ops").resolve("target").resolve("cassandra.classpath"),
                DEFAULT_START_TIMEOUT);
    }

    public LauncherSettings withWorkDir(Path dir) {
        return new LauncherSettings(dir, host, nativePort, storagePort, heap, classpathFile, startTimeout);
    }

    public LauncherSettings withPorts(int nativePort, int storagePort) {
        return new LauncherSettings(workDir, host, nativePort, storagePort, heap, classpathFile, startTimeout);
    }

    public LauncherSettings withHeap(String heap) {
        return new LauncherSettings(workDir, host, nativePort, storagePort, heap, classpathFile, startTimeout);
    }

    public LauncherSettings withClasspathFile(Path file) {
        return new LauncherSettings(workDir, host, nativePort, storagePort, heap, file, startTimeout);
    }

    public LauncherSettings withStartTimeout(Duration timeout) {
        return new LauncherSettings(workDir, host, nativePort, storagePort, heap, classpathFile, timeout);
    }

    /** "host:port" of the CQL native transport. */
    public String contactPoint() {
        return host + ":" + nativePort;
    }

    Path confDir() {
        return workDir.resolve("conf");
    }

    Path dataDir() {
        return workDir.resolve("data");
    }

    Path logFile() {
        return workDir.resolve("logs").resolve("cassandra.out");
    }

    Path pidFile() {
        return workDir.resolve("cassandra.pid");
    }

    Path lockFile() {
        return workDir.resolve("launcher.lock");
    }

    /** The yaml template: {@code ops/cassandra.yaml.template} next to {@code ops/target/}. */
    Path yamlTemplate() {
        String override = System.getProperty("watchfloor.cassandra.yamlTemplate");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        Path target = classpathFile.getParent();
        Path ops = target == null ? null : target.getParent();
        Path candidate = ops == null ? null : ops.resolve("cassandra.yaml.template");
        if (candidate != null && Files.isRegularFile(candidate)) {
            return candidate;
        }
        String home = System.getProperty("watchfloor.home");
        if (home != null && !home.isBlank()) {
            return Path.of(home).resolve("ops").resolve("cassandra.yaml.template");
        }
        return candidate != null ? candidate : Path.of("ops", "cassandra.yaml.template");
    }
}
