package io.watchfloor.node.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.watchfloor.node.alert.group.AlertGroupState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The alert router's groups ({@code alert_groups}, one row per group id), so a router that starts
 * on another node after a hand-over continues them. The state is Jackson CBOR of {@link
 * AlertGroupState} in a blob, next to its format number: fields added later are ignored by older
 * readers; a change older readers cannot read takes a new format number, and rows of a format a
 * reader does not know are skipped and counted, not guessed at.
 */
public final class AlertGroupRepository {
  /** The format this build writes and reads. */
  static final int FORMAT = 1;
  private static final int PAGE_SIZE = 1_000;
  private static final ObjectMapper CBOR =
      CBORMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /**
   * Every stored group.
   *
   * @param skipped rows not read: of an unknown format, or unreadable
   */
  public record Loaded(List<AlertGroupState> groups, int skipped) {
    public Loaded {
      groups = List.copyOf(groups);
    }
  }

  private final CqlSession session;
  private final PreparedStatement insert;
  private final PreparedStatement insertExpiring;
  private final PreparedStatement delete;
  private final PreparedStatement scan;

  public AlertGroupRepository(CqlSession session, String keyspace) {
    this.session = session;
    String table = keyspace + ".alert_groups";
    insert = session.prepare("INSERT INTO " + table + " (group_id, format, state, updated_at) VALUES (?, ?, ?, ?)");
    insertExpiring = session.prepare(
        "INSERT INTO " + table + " (group_id, format, state, updated_at) VALUES (?, ?, ?, ?) USING TTL ?");
    delete = session.prepare("DELETE FROM " + table + " WHERE group_id = ?");
    scan = session.prepare("SELECT group_id, format, state FROM " + table);
  }

  /** Stores a group's state; the row lives as long as the table's retention. */
  public CompletionStage<Void> save(AlertGroupState state, Instant now) {
    return session.executeAsync(insert.bind(state.id(), FORMAT, ByteBuffer.wrap(encode(state)), now))
        .thenApply(rs -> null);
  }

  /** Stores a group's state that is of no use after {@code ttl} (at least one second). */
  public CompletionStage<Void> save(AlertGroupState state, Instant now, Duration ttl) {
    int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, ttl.toSeconds()));
    return session.executeAsync(insertExpiring.bind(state.id(), FORMAT, ByteBuffer.wrap(encode(state)), now, seconds))
        .thenApply(rs -> null);
  }

  public CompletionStage<Void> delete(String groupId) {
    return session.executeAsync(delete.bind(groupId)).thenApply(rs -> null);
  }

  /** Every stored group, paged through the whole table; decoded on the driver's thread. */
  public CompletionStage<Loaded> loadAll() {
    Collected collected = new Collected();
    return session.executeAsync(scan.bind().setPageSize(PAGE_SIZE))
        .thenCompose(rs -> collect(rs, collected))
        .thenApply(c -> new Loaded(c.groups, c.skipped));
  }

  /** Rows read so far; pages are read one after another, never at once. */
  private static final class Collected {
    final List<AlertGroupState> groups = new ArrayList<>();
    int skipped;
  }

  private static CompletionStage<Collected> collect(AsyncResultSet rs, Collected c) {
    for (Row r : rs.currentPage()) {
      AlertGroupState s = r.getInt(1) == FORMAT ? decodeOrNull(r.getByteBuffer(2)) : null;
      if (s == null || !r.getString(0).equals(s.id())) {
        c.skipped++;
      } else {
        c.groups.add(s);
      }
    }
    if (rs.hasMorePages()) {
      return rs.fetchNextPage().thenCompose(next -> collect(next, c));
    }
    return CompletableFuture.completedFuture(c);
  }

  static byte[] encode(AlertGroupState state) {
    try {
      return CBOR.writeValueAsBytes(state);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode alert group " + state.id(), e);
    }
  }

  static AlertGroupState decodeOrNull(ByteBuffer buf) {
    if (buf == null) {
      return null;
    }
    byte[] bytes = new byte[buf.remaining()];
    buf.duplicate().get(bytes);
    try {
      return CBOR.readValue(bytes, AlertGroupState.class);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
