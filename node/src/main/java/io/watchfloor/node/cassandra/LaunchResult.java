package io.watchfloor.node.cassandra;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Outcome of {@link CassandraLauncher#ensureRunning()}.
 *
 * @param host         CQL host
 * @param nativePort   CQL port
 * @param pid          server pid, or -1 if unknown (server answering CQL but not started by this launcher)
 * @param startedByUs  true if this call started the process
 * @param startupTime  time from process start until CQL answered (ZERO when reused)
 * @param workDir      launcher work dir (data under workDir/data)
 */
public record LaunchResult(
        String host, int nativePort, long pid, boolean startedByUs, Duration startupTime, Path workDir) {

    public String contactPoint() {
        return host + ":" + nativePort;
    }
}
