package io.watchfloor.node.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The node's connection to Cassandra: one session, the schema brought up to date, the repositories. */
public final class CassandraStore implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CassandraStore.class);

  private final CqlSession session;
  private final StoreSettings settings;
  private final AnomalyRepository anomalies;
  private final HostSnapshotRepository snapshots;
  private final FeedbackRepository feedback;
  private final AlertOutboxRepository outbox;
  private final SilenceRepository silences;
  private final AlertActionRepository actions;
  private final AlertGroupRepository groups;
  private final SegmentRepository segments;
  private final SiteModelRepository siteModels;

  /** Requests in flight at once; more wait in the throttler's queue. */
  static final int MAX_CONCURRENT_REQUESTS = 512;
  /** Requests that may wait; beyond this a request fails at once (and its caller retries). */
  static final int MAX_QUEUED_REQUESTS = 200_000;

  private CassandraStore(CqlSession session, StoreSettings settings) {
    this.session = session;
    this.settings = settings;
    this.anomalies = new AnomalyRepository(session, settings.keyspace());
    this.snapshots = new HostSnapshotRepository(session, settings.keyspace());
    this.feedback = new FeedbackRepository(session, settings.keyspace());
    this.outbox = new AlertOutboxRepository(session, settings.keyspace());
    this.silences = new SilenceRepository(session, settings.keyspace());
    this.actions = new AlertActionRepository(session, settings.keyspace());
    this.groups = new AlertGroupRepository(session, settings.keyspace());
    this.segments = new SegmentRepository(session, settings.keyspace());
    this.siteModels = new SiteModelRepository(session, settings.keyspace());
  }

  public FeedbackRepository feedback() {
    return feedback;
  }

  /**
   * Connects to the contact points (which must be set: the embedded server is resolved by the
   * caller), migrates the schema and prepares the statements. Blocking: call at start-up only.
   */
  public static CassandraStore connect(StoreSettings settings) {
    if (settings.contactPoints().isEmpty()) {
      throw new IllegalArgumentException("no Cassandra contact points to connect to");
    }
    List<InetSocketAddress> points = new ArrayList<>();
    for (String cp : settings.contactPoints()) {
      InetSocketAddress unresolved = StoreSettings.parseContactPoint(cp);
      points.add(new InetSocketAddress(unresolved.getHostString(), unresolved.getPort()));
    }
    DriverConfigLoader loader =
        DriverConfigLoader.programmaticBuilder()
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, settings.requestTimeout())
            .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, settings.requestTimeout())
            .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, settings.requestTimeout())
            // Netty's default 2 s quiet period would add 2 s to every CLI run's exit.
            .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
            .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0)
            // Bursts (every host entity saving its state at the end of a capture) must queue, not
            // fail with "no connection available" once a connection's 1024 stream ids are taken.
            .withString(DefaultDriverOption.REQUEST_THROTTLER_CLASS, "ConcurrencyLimitingRequestThrottler")
            .withInt(DefaultDriverOption.REQUEST_THROTTLER_MAX_CONCURRENT_REQUESTS, MAX_CONCURRENT_REQUESTS)
            .withInt(DefaultDriverOption.REQUEST_THROTTLER_MAX_QUEUE_SIZE, MAX_QUEUED_REQUESTS)
            // The driver keeps (and re-parses on every change) schema metadata of the node's keyspace
            // only, not of every keyspace the cluster holds.
            .withStringList(DefaultDriverOption.METADATA_SCHEMA_REFRESHED_KEYSPACES, List.of(settings.keyspace()))
            // request latency for /metrics (watchfloor_cassandra_request_seconds)
            .withStringList(DefaultDriverOption.METRICS_SESSION_ENABLED, List.of("cql-requests"))
            .build();
    CqlSession session =
        CqlSession.builder()
            .addContactPoints(points)
            .withLocalDatacenter(settings.localDatacenter())
            .withConfigLoader(loader)
            .build();
    try {
      List<Integer> applied = SchemaMigrator.migrate(session, settings);
      log.info(
          "Cassandra {} keyspace {} ready ({} migrations applied now)",
          settings.contactPoints(),
          settings.keyspace(),
          applied.size());
      return new CassandraStore(session, settings);
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  /** The driver session, for its metrics. */
  public CqlSession session() {
    return session;
  }

  public AnomalyRepository anomalies() {
    return anomalies;
  }

  public SegmentRepository segments() {
    return segments;
  }

  public SiteModelRepository siteModels() {
    return siteModels;
  }

  public HostSnapshotRepository snapshots() {
    return snapshots;
  }

  public AlertOutboxRepository outbox() {
    return outbox;
  }

  public SilenceRepository silences() {
    return silences;
  }

  public AlertActionRepository actions() {
    return actions;
  }

  public AlertGroupRepository alertGroups() {
    return groups;
  }

  public StoreSettings settings() {
    return settings;
  }

  /** True when a trivial query answers. */
  public java.util.concurrent.CompletionStage<Boolean> ping() {
    return session.executeAsync("SELECT release_version FROM system.local")
        .handle((rs, err) -> err == null && rs.one() != null);
  }

  @Override
  public void close() {
    session.close();
  }
}
