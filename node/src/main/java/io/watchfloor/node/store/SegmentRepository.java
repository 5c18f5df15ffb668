package io.watchfloor.node.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * What each capture segment of a site captures and whether it still runs, so a segment whose node
 * failed resumes on another node of the site with the same input.
 */
public final class SegmentRepository {

  /**
   * A stored segment; exactly one of file, networkInterface and netflow is set.
   *
   * @param run id of the capture run, kept when the segment resumes elsewhere
   * @param node cluster address of the node that started it (where a live interface is)
   */
  public record StoredSegment(
      String segment, String run, String node, String file, String networkInterface, String filter, String netflow, String state) {}

  private final CqlSession session;
  private final PreparedStatement insert;
  private final PreparedStatement updateState;
  private final PreparedStatement select;

  public SegmentRepository(CqlSession session, String keyspace) {
    this.session = session;
    insert = session.prepare(
        "INSERT INTO " + keyspace + ".segments (site, segment, run, node, file, interface, filter, netflow,"
            + " state, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    updateState = session.prepare(
        "UPDATE " + keyspace + ".segments SET state = ?, updated_at = ? WHERE site = ? AND segment = ?");
    select = session.prepare(
        "SELECT segment, run, node, file, interface, filter, netflow, state FROM " + keyspace + ".segments"
            + " WHERE site = ? AND segment = ?");
  }

  public CompletionStage<Void> save(String site, StoredSegment s) {
    return session.executeAsync(insert.bind(
            site, s.segment(), s.run(), s.node(), s.file(), s.networkInterface(), s.filter(), s.netflow(), s.state(), Instant.now()))
        .thenApply(rs -> null);
  }

  public CompletionStage<Void> updateState(String site, String segment, String state) {
    return session.executeAsync(updateState.bind(state, Instant.now(), site, segment)).thenApply(rs -> null);
  }

  public CompletionStage<Optional<StoredSegment>> load(String site, String segment) {
    return session.executeAsync(select.bind(site, segment))
        .thenApply(rs -> Optional.ofNullable(rs.one()).map(SegmentRepository::toSegment));
  }

  private static StoredSegment toSegment(Row r) {
    return new StoredSegment(
        r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
        r.getString(6), r.getString(7));
  }
}
