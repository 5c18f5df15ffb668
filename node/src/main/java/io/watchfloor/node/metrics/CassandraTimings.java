package io.watchfloor.node.metrics;

import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metrics.DefaultSessionMetric;
import java.util.Map;
import java.util.Optional;

/**
 * The Cassandra driver's own request timer (session metric {@code cql-requests}, enabled in the
 * store's driver configuration) as a Prometheus summary in seconds.
 */
public final class CassandraTimings {
  private final CqlSession session;

  public CassandraTimings(CqlSession session) {
    this.session = session;
  }

  void write(PrometheusText t) {
    Optional<Timer> timer = session.getMetrics()
        .flatMap(m -> m.getSessionMetric(DefaultSessionMetric.CQL_REQUESTS))
        .filter(Timer.class::isInstance)
        .map(Timer.class::cast);
    t.family("watchfloor_cassandra_request_seconds", "summary", "Latency of this node's Cassandra requests.");
    if (timer.isEmpty()) {
      return;
    }
    Snapshot s = timer.get().getSnapshot();
    for (double q : new double[] {0.5, 0.9, 0.99}) {
      t.sample(Map.of("quantile", Double.toString(q)), s.getValue(q) / 1e9);
    }
    t.sample("_count", Map.of(), timer.get().getCount());
    t.sample("_sum", Map.of(), s.getMean() * timer.get().getCount() / 1e9);
  }
}
