package io.watchfloor.node.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.nio.ByteBuffer;
import java.time.Instant;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The learned state of each host (its baseline), so a host entity that passivates, restarts or moves
 * to another node continues where it was instead of learning from nothing.
 */
public final class HostSnapshotRepository {

  /**
   * A stored host state. The byte array never leaves the host entity that owns it.
   *
   * @param segmentMarks start of the last window applied, per segment: a segment that replays its
   *     input after a fail-over does not teach the baseline the same windows twice
   */
  public record HostSnapshot(
      long windowsSeen, long anomalies, Instant updatedAt, byte[] baseline, Map<String, Long> segmentMarks) {
    public HostSnapshot {
      segmentMarks = Map.copyOf(segmentMarks);
    }
  }

  private final CqlSession session;
  private final PreparedStatement insert;
  private final PreparedStatement select;
  private final PreparedStatement scan;

  public HostSnapshotRepository(CqlSession session, String keyspace) {
    this.session = session;
    insert = session.prepare(
        "INSERT INTO " + keyspace + ".host_snapshots (site, host, updated_at, windows_seen, anomalies, baseline,"
            + " segment_marks) VALUES (?, ?, ?, ?, ?, ?, ?)");
    select = session.prepare(
        "SELECT windows_seen, anomalies, updated_at, baseline, segment_marks FROM " + keyspace + ".host_snapshots"
            + " WHERE site = ? AND host = ?");
    scan = session.prepare(
        "SELECT site, host, windows_seen, anomalies, updated_at FROM " + keyspace + ".host_snapshots");
  }

  /** A host as the host list shows it: no state bytes. */
  public record HostSummary(String site, String host, long windowsSeen, long anomalies, Instant updatedAt) {}

  /**
   * Every stored host (paged through the whole table), at most {@code max}: the host list filters
   * and sorts in memory. A cluster with more hosts than {@code max} lists the first {@code max}.
   */
  public CompletionStage<List<HostSummary>> list(int max) {
    List<HostSummary> out = new ArrayList<>();
    return session.executeAsync(scan.bind().setPageSize(5_000)).thenCompose(rs -> collect(rs, out, max));
  }

  private static CompletionStage<List<HostSummary>> collect(AsyncResultSet rs, List<HostSummary> out, int max) {
    for (Row r : rs.currentPage()) {
      if (out.size() >= max) {
        return CompletableFuture.completedFuture(out);
      }
      out.add(new HostSummary(r.getString(0), r.getString(1), r.getLong(2), r.getLong(3), r.getInstant(4)));
    }
    if (rs.hasMorePages() && out.size() < max) {
      return rs.fetchNextPage().thenCompose(next -> collect(next, out, max));
    }
    return CompletableFuture.completedFuture(out);
  }

  public CompletionStage<Void> save(String site, String host, HostSnapshot s) {
    return session.executeAsync(insert.bind(
            site, host, s.updatedAt(), s.windowsSeen(), s.anomalies(), ByteBuffer.wrap(s.baseline()), s.segmentMarks()))
        .thenApply(rs -> null);
  }

  public CompletionStage<Optional<HostSnapshot>> load(String site, String host) {
    return session.executeAsync(select.bind(site, host))
        .thenApply(rs -> Optional.ofNullable(rs.one()).map(HostSnapshotRepository::toSnapshot));
  }

  private static HostSnapshot toSnapshot(Row r) {
    ByteBuffer buf = r.getByteBuffer(3);
    byte[] bytes = new byte[buf == null ? 0 : buf.remaining()];
    if (buf != null) {
      buf.duplicate().get(bytes);
    }
    Map<String, Long> marks = r.getMap(4, String.class, Long.class);
    return new HostSnapshot(r.getLong(0), r.getLong(1), r.getInstant(2), bytes, marks == null ? Map.of() : marks);
  }
}
