package io.watchfloor.node.cassandra;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code CassandraLauncherMain start|stop|status}: one-line messages, exit code 0 on success, 1 on
 * failure (status: 0 if CQL answers, 1 otherwise). Reads {@code -Dwatchfloor.home} (default: the
 * current directory). Optional overrides: {@code -Dwatchfloor.cassandra.heap},
 * {@code -Dwatchfloor.cassandra.nativePort}, {@code -Dwatchfloor.cassandra.storagePort},
 * {@code -Dwatchfloor.cassandra.startTimeoutSeconds}, {@code -Dwatchfloor.cassandra.workDir}.
 */
public final class CassandraLauncherMain {

    private CassandraLauncherMain() {
    }

    public static void main(String[] args) {
        quietLogging();
        System.exit(run(args));
    }

    /** The CLI prints its own one-line messages; launcher INFO logs only with -Dwatchfloor.verbose=true. */
    private static void quietLogging() {
        if (Boolean.getBoolean("watchfloor.verbose") || System.getProperty("logback.configurationFile") != null) {
            return;
        }
        if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    static int run(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: cassandra start|stop|status");
            return 1;
        }
        LauncherSettings settings;
        try {
            settings = settingsFromSystemProperties();
        } catch (RuntimeException e) {
            System.err.println("Invalid settings: " + e.getMessage());
            return 1;
        }
        CassandraLauncher launcher = CassandraLauncher.create(settings);
        try {
            switch (args[0]) {
                case "start" -> {
                    LaunchResult r = launcher.ensureRunning();
                    if (r.startedByUs()) {
                        System.out.printf("Cassandra ready on %s in %s s (pid %d, data in %s, log %s)%n",
                                r.contactPoint(), CassandraLauncher.seconds(r.startupTime()), r.pid(),
                                settings.dataDir(), settings.logFile());
                    } else {
                        System.out.printf("Cassandra already running on %s (%s); reusing it%n",
                                r.contactPoint(), r.pid() < 0 ? "pid unknown: not started by this launcher" : "pid " + r.pid());
                    }
                    return 0;
                }
                case "stop" -> {
                    Status before = launcher.status();
                    if (!before.processAlive()) {
                        launcher.stop(); // clears a stale pid file
                        if (before.running()) {
                            System.out.printf("Cassandra on %s was not started by this launcher (no live pid in %s): left running%n",
                                    before.contactPoint(), settings.pidFile());
                            return 1;
                        }
                        System.out.printf("Cassandra is not running on %s%n", before.contactPoint());
                        return 0;
                    }
                    long t0 = System.nanoTime();
                    launcher.stop();
                    System.out.printf("Cassandra stopped (pid %d) in %s s%n", before.pid(),
                            CassandraLauncher.seconds(Duration.ofNanos(System.nanoTime() - t0)));
                    return 0;
                }
                case "status" -> {
                    Status s = launcher.status();
                    if (s.running()) {
                        System.out.printf("Cassandra running on %s (%s, data in %s)%n", s.contactPoint(),
                                s.pid() < 0 ? "pid unknown: not started by this launcher" : "pid " + s.pid(),
                                settings.dataDir());
                        return 0;
                    }
                    if (s.processAlive()) {
                        System.out.printf("Cassandra pid %d is alive but CQL does not answer on %s yet (log %s)%n",
                                s.pid(), s.contactPoint(), settings.logFile());
                        return 1;
                    }
                    System.out.printf("Cassandra is not running on %s%n", s.contactPoint());
                    return 1;
                }
                default -> {
                    System.err.println("usage: cassandra start|stop|status (unknown command '" + args[0] + "')");
                    return 1;
                }
            }
        } catch (RuntimeException e) {
            System.err.println("Cassandra " + args[0] + " failed: " + e.getMessage());
            return 1;
        }
    }

    static LauncherSettings settingsFromSystemProperties() {
        Path home = Path.of(System.getProperty("watchfloor.home", ".")).toAbsolutePath().normalize();
        LauncherSettings s = LauncherSettings.defaults(home);
        String workDir = System.getProperty("watchfloor.cassandra.workDir");
        if (workDir != null && !workDir.isBlank()) {
            s = s.withWorkDir(Path.of(workDir));
        }
        s = s.withHeap(System.getProperty("watchfloor.cassandra.heap", s.heap()));
        s = s.withPorts(Integer.getInteger("watchfloor.cassandra.nativePort", s.nativePort()),
                Integer.getInteger("watchfloor.cassandra.storagePort", s.storagePort()));
        Integer timeout = Integer.getInteger("watchfloor.cassandra.startTimeoutSeconds");
        if (timeout != null) {
            s = s.withStartTimeout(Duration.ofSeconds(timeout));
        }
        return s;
    }
}
