package io.watchfloor.node.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.watchfloor.node.alert.playbook.ActionRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Which playbook actions ran for each alert; idempotent (keyed by alert, playbook and step). */
public final class AlertActionRepository {
  private final CqlSession session;
  private final PreparedStatement insert;
  private final PreparedStatement select;

  public AlertActionRepository(CqlSession session, String keyspace) {
    this.session = session;
    String ks = keyspace + ".";
    insert = session.prepare("INSERT INTO " + ks + "alert_actions (anomaly_id, playbook, step, action, ran_at, group_id, detail)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?)");
    select = session.prepare("SELECT anomaly_id, playbook, step, action, ran_at, group_id, detail FROM " + ks
        + "alert_actions WHERE anomaly_id = ?");
  }

  public CompletionStage<Void> saveAll(List<ActionRecord> records) {
    List<CompletableFuture<AsyncResultSet>> writes = new ArrayList<>();
    for (ActionRecord r : records) {
      writes.add(session.executeAsync(insert.bind(r.anomalyId(), r.playbook(), r.step(), r.action(),
          Instant.ofEpochMilli(r.ranAtMillis()), r.groupId(), r.detail())).toCompletableFuture());
    }
    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
  }

  /** In playbook order, then step order. */
  public CompletionStage<List<ActionRecord>> forAlert(String anomalyId) {
    return session.executeAsync(select.bind(anomalyId)).thenApply(rs -> {
      List<ActionRecord> out = new ArrayList<>();
      for (Row r : rs.currentPage()) {
        out.add(new ActionRecord(r.getString(0), r.getString(1), r.getInt(2), r.getString(3),
            r.getInstant(4).toEpochMilli(), r.getString(5), r.getString(6)));
      }
      return out;
    });
  }
}
