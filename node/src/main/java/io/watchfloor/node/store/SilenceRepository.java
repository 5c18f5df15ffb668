package io.watchfloor.node.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.watchfloor.node.alert.silence.Silence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Silences in Cassandra, one partition for all (silences are few; every router reads them all).
 * Expiring a silence rewrites its end, so the record of who silenced what stays.
 */
public final class SilenceRepository {
  private static final String BUCKET = "all";

  private final CqlSession session;
  private final PreparedStatement upsert;
  private final PreparedStatement selectAll;

  public SilenceRepository(CqlSession session, String keyspace) {
    this.session = session;
    String ks = keyspace + ".";
    upsert = session.prepare("INSERT INTO " + ks + "alert_silences (bucket, id, matchers, starts_at, ends_at, created_by, comment)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?)");
    selectAll = session.prepare(
        "SELECT id, matchers, starts_at, ends_at, created_by, comment FROM " + ks + "alert_silences WHERE bucket = ?");
  }

  public CompletionStage<Void> save(Silence s) {
    return session.executeAsync(upsert.bind(BUCKET, s.id(), s.matchers(), Instant.ofEpochMilli(s.startsAtMillis()),
            Instant.ofEpochMilli(s.endsAtMillis()), s.createdBy(), s.comment()))
        .thenApply(rs -> null);
  }

  public CompletionStage<List<Silence>> all() {
    return session.executeAsync(selectAll.bind(BUCKET)).thenApply(rs -> {
      List<Silence> out = new ArrayList<>();
      for (Row r : rs.currentPage()) {
        out.add(new Silence(r.getString(0), r.getList(1, String.class), r.getInstant(2).toEpochMilli(),
            r.getInstant(3).toEpochMilli(), r.getString(4), r.getString(5)));
      }
      return out;
    });
  }
}
