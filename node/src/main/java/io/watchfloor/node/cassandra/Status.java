package io.watchfloor.node.cassandra;

/**
 * What {@link CassandraLauncher#status()} sees.
 *
 * @param running      true if a CQL server answers on host:nativePort
 * @param pid          pid from the launcher's pid file if that process is alive, else -1
 * @param processAlive true if the pid-file process is alive (it may be running but not yet answering CQL)
 * @param host         CQL host
 * @param nativePort   CQL port
 */
public record Status(boolean running, long pid, boolean processAlive, String host, int nativePort) {

    public String contactPoint() {
        return host + ":" + nativePort;
    }
}
