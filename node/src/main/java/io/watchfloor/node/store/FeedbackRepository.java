package io.watchfloor.node.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Analysts' verdicts on anomalies, newest first per anomaly: the record of who said what and when. */
public final class FeedbackRepository {

  /**
   * @param verdict {@code true_positive} or {@code false_positive}
   * @param scope what a false positive suppresses: {@code host} or {@code peer:<ip>}; empty otherwise
   */
  public record Feedback(String anomalyId, Instant at, String verdict, String comment, String author,
      String scope, Instant expiresAt) {}

  private final CqlSession session;
  private final PreparedStatement insert;
  private final PreparedStatement select;

  public FeedbackRepository(CqlSession session, String keyspace) {
    this.session = session;
    insert = session.prepare("INSERT INTO " + keyspace + ".anomaly_feedback"
        + " (anomaly_id, at, verdict, comment, author, scope, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    select = session.prepare("SELECT anomaly_id, at, verdict, comment, author, scope, expires_at FROM "
        + keyspace + ".anomaly_feedback WHERE anomaly_id = ?");
  }

  public CompletionStage<Void> save(Feedback f) {
    return session.executeAsync(insert.bind(f.anomalyId(), f.at(), f.verdict(), f.comment(), f.author(),
        f.scope(), f.expiresAt())).thenApply(rs -> null);
  }

  public CompletionStage<List<Feedback>> of(String anomalyId) {
    return session.executeAsync(select.bind(anomalyId)).thenApply(rs -> {
      List<Feedback> out = new ArrayList<>();
      for (Row r : rs.currentPage()) {
        out.add(new Feedback(r.getString(0), r.getInstant(1), r.getString(2), r.getString(3), r.getString(4),
            r.getString(5), r.getInstant(6)));
      }
      return out;
    });
  }
}
