package io.watchfloor.node.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.node.alert.receiver.Notification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The durable alert outbox: a notification is written here before anyone tries to send it, and
 * leaves only once its delivery is recorded in {@code alert_deliveries}. Both writes are
 * idempotent (the ids are deterministic), and an entry whose id is in {@code alert_deliveries} is
 * never handed out again, so a restart neither loses nor resends what was delivered.
 */
public final class AlertOutboxRepository {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One notification for one integration of its receiver. */
  public record Entry(String id, int integration, Notification notification) {}

  private final CqlSession session;
  private final PreparedStatement insert;
  private final PreparedStatement selectPending;
  private final PreparedStatement selectDelivered;
  private final PreparedStatement insertDelivery;
  private final PreparedStatement deleteEntry;
  private final PreparedStatement countDeliveries;

  public AlertOutboxRepository(CqlSession session, String keyspace) {
    this.session = session;
    String ks = keyspace + ".";
    insert = session.prepare("INSERT INTO " + ks + "alert_outbox (receiver, id, integration, created_at, notification)"
        + " VALUES (?, ?, ?, ?, ?)");
    selectPending = session.prepare(
        "SELECT id, integration, notification FROM " + ks + "alert_outbox WHERE receiver = ? LIMIT ?");
    selectDelivered = session.prepare("SELECT id FROM " + ks + "alert_deliveries WHERE receiver = ? AND id IN ?");
    insertDelivery = session.prepare("INSERT INTO " + ks + "alert_deliveries (receiver, id, delivered_at, outcome, attempts)"
        + " VALUES (?, ?, ?, ?, ?)");
    deleteEntry = session.prepare("DELETE FROM " + ks + "alert_outbox WHERE receiver = ? AND id = ?");
    countDeliveries = session.prepare("SELECT outcome FROM " + ks + "alert_deliveries WHERE receiver = ?");
  }

  /** The entry id of a notification for one integration of its receiver. */
  public static String entryId(Notification n, int integration) {
    return n.id() + "#" + integration;
  }

  /** Stores one entry per integration; completes when all are written. */
  public CompletionStage<Void> enqueue(Notification n, int integrations) {
    List<CompletableFuture<AsyncResultSet>> writes = new ArrayList<>();
    String body = toJson(n);
    for (int i = 0; i < integrations; i++) {
      writes.add(session.executeAsync(insert.bind(
          n.receiver(), entryId(n, i), i, Instant.ofEpochMilli(n.createdMillis()), body)).toCompletableFuture());
    }
    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
  }

  /**
   * Up to {@code limit} entries of a receiver not yet delivered, oldest first. Entries already in
   * {@code alert_deliveries} (a crash between the two writes of {@link #markDone}) are removed here.
   */
  public CompletionStage<List<Entry>> pending(String receiver, int limit) {
    return session.executeAsync(selectPending.bind(receiver, limit))
        .thenCompose(rs -> {
          List<Entry> entries = new ArrayList<>();
          rs.currentPage().forEach(r -> entries.add(new Entry(r.getString(0), r.getInt(1), fromJson(r.getString(2)))));
          if (entries.isEmpty()) {
            return CompletableFuture.completedFuture(entries);
          }
          List<String> ids = entries.stream().map(Entry::id).toList();
          return session.executeAsync(selectDelivered.bind(receiver, ids)).thenCompose(done -> {
            Set<String> delivered = new HashSet<>();
            done.currentPage().forEach(r -> delivered.add(r.getString(0)));
            List<CompletableFuture<AsyncResultSet>> cleanups = new ArrayList<>();
            for (String id : delivered) {
              cleanups.add(session.executeAsync(deleteEntry.bind(receiver, id)).toCompletableFuture());
            }
            List<Entry> open = new ArrayList<>(entries.stream().filter(e -> !delivered.contains(e.id())).toList());
            open.sort(Comparator.comparingLong((Entry e) -> e.notification().createdMillis()).thenComparing(Entry::id));
            return CompletableFuture.allOf(cleanups.toArray(CompletableFuture[]::new)).thenApply(v -> open);
          });
        });
  }

  /**
   * Records the end of an entry ({@code delivered}, or {@code rejected: why}) and then removes it
   * from the outbox. The record is written first: a crash in between leaves a row {@link #pending}
   * skips, never one that is sent twice.
   */
  public CompletionStage<Void> markDone(String receiver, String id, String outcome, int attempts) {
    return session.executeAsync(insertDelivery.bind(receiver, id, Instant.now(), outcome, attempts))
        .thenCompose(rs -> session.executeAsync(deleteEntry.bind(receiver, id)))
        .thenApply(rs -> null);
  }

  /** Outcomes recorded for a receiver (for tests and the operator). */
  public CompletionStage<List<String>> outcomes(String receiver) {
    return session.executeAsync(countDeliveries.bind(receiver)).thenApply(rs -> {
      List<String> out = new ArrayList<>();
      for (Row r : rs.currentPage()) {
        out.add(r.getString(0));
      }
      return out;
    });
  }

  static String toJson(Notification n) {
    try {
      return JSON.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise notification " + n.id(), e);
    }
  }

  static Notification fromJson(String body) {
    try {
      return JSON.readValue(body, Notification.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored notification is not readable: " + e.getOriginalMessage(), e);
    }
  }
}
