package io.watchfloor.node.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.protocol.alert.Anomaly;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Anomalies in Cassandra, denormalised three ways: by id, by host (newest first) and by site and
 * day (for time-range queries). Writes are idempotent: the id is derived from the window, so a
 * replay overwrites the same rows.
 */
public final class AnomalyRepository {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CqlSession session;
  private final PreparedStatement insertById;
  private final PreparedStatement insertByHost;
  private final PreparedStatement insertByDay;
  private final PreparedStatement insertDay;
  private final PreparedStatement selectById;
  private final PreparedStatement selectByHost;
  private final PreparedStatement selectByHostRange;
  private final PreparedStatement selectDays;
  private final PreparedStatement selectByDayRange;

  public AnomalyRepository(CqlSession session, String keyspace) {
    this.session = session;
    String ks = keyspace + ".";
    insertById = session.prepare(
        "INSERT INTO " + ks + "anomalies_by_id (id, site, host, window_start, body) VALUES (?, ?, ?, ?, ?)");
    insertByHost = session.prepare(
        "INSERT INTO " + ks + "anomalies_by_host (site, host, window_start, id, detector, severity, score, body)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    insertByDay = session.prepare(
        "INSERT INTO " + ks + "anomalies_by_day (site, day, window_start, id, host, detector, severity, score, body)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insertDay = session.prepare("INSERT INTO " + ks + "anomaly_days (site, day) VALUES (?, ?)");
    selectById = session.prepare("SELECT body FROM " + ks + "anomalies_by_id WHERE id = ?");
    selectByHost = session.prepare(
        "SELECT body FROM " + ks + "anomalies_by_host WHERE site = ? AND host = ? LIMIT ?");
    selectByHostRange = session.prepare(
        "SELECT body FROM " + ks + "anomalies_by_host WHERE site = ? AND host = ?"
            + " AND window_start >= ? AND window_start < ? LIMIT ?");
    selectDays = session.prepare("SELECT day FROM " + ks + "anomaly_days WHERE site = ? AND day >= ? AND day <= ?");
    selectByDayRange = session.prepare(
        "SELECT body FROM " + ks + "anomalies_by_day WHERE site = ? AND day = ?"
            + " AND window_start >= ? AND window_start < ? LIMIT ?");
  }

  /** Stores the anomalies; completes when every row is written. */
  public CompletionStage<Void> saveAll(List<Anomaly> anomalies) {
    List<CompletableFuture<AsyncResultSet>> writes = new ArrayList<>(anomalies.size() * 4);
    for (Anomaly a : anomalies) {
      String body = toJson(a);
      Instant start = Instant.ofEpochMilli(a.windowStartMillis());
      LocalDate day = LocalDate.ofInstant(start, ZoneOffset.UTC);
      writes.add(session.executeAsync(insertById.bind(a.id(), a.site(), a.host(), start, body)).toCompletableFuture());
      writes.add(session.executeAsync(insertByHost.bind(
          a.site(), a.host(), start, a.id(), a.detector(), a.severity().label(), a.score(), body)).toCompletableFuture());
      writes.add(session.executeAsync(insertByDay.bind(
          a.site(), day, start, a.id(), a.host(), a.detector(), a.severity().label(), a.score(), body)).toCompletableFuture());
      writes.add(session.executeAsync(insertDay.bind(a.site(), day)).toCompletableFuture());
    }
    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
  }

  public CompletionStage<Optional<Anomaly>> byId(String id) {
    return session.executeAsync(selectById.bind(id))
        .thenApply(rs -> Optional.ofNullable(rs.one()).map(r -> fromJson(r.getString(0))));
  }

  /** Newest first. */
  public CompletionStage<List<Anomaly>> byHost(String site, String host, int limit) {
    return collect(session.executeAsync(selectByHost.bind(site, host, limit)), limit);
  }

  /** Newest first, window start in [from, to). */
  public CompletionStage<List<Anomaly>> byHost(String site, String host, Instant from, Instant to, int limit) {
    return collect(session.executeAsync(selectByHostRange.bind(site, host, from, to, limit)), limit);
  }

  /**
   * Newest first, window start in [from, to), across the site: walks the days that have anomalies,
   * newest first, until {@code limit} are found.
   */
  public CompletionStage<List<Anomaly>> bySite(String site, Instant from, Instant to, int limit) {
    LocalDate first = LocalDate.ofInstant(from, ZoneOffset.UTC);
    LocalDate last = LocalDate.ofInstant(to, ZoneOffset.UTC);
    return session.executeAsync(selectDays.bind(site, first, last))
        .thenCompose(rs -> allRows(rs, new ArrayList<>()))
        .thenCompose(rows -> {
          List<LocalDate> days = new ArrayList<>();
          rows.forEach(r -> days.add(r.getLocalDate(0)));
          days.sort(java.util.Comparator.reverseOrder());
          return walkDays(site, days, 0, from, to, limit, new ArrayList<>());
        });
  }

  private CompletionStage<List<Anomaly>> walkDays(
      String site, List<LocalDate> days, int i, Instant from, Instant to, int limit, List<Anomaly> acc) {
    if (i >= days.size() || acc.size() >= limit) {
      return CompletableFuture.completedFuture(acc);
    }
    int remaining = limit - acc.size();
    return collect(session.executeAsync(selectByDayRange.bind(site, days.get(i), from, to, remaining)), remaining)
        .thenCompose(found -> {
          acc.addAll(found);
          return walkDays(site, days, i + 1, from, to, limit, acc);
        });
  }

  private static CompletionStage<List<Anomaly>> collect(CompletionStage<AsyncResultSet> query, int limit) {
    return query.thenCompose(rs -> allRows(rs, new ArrayList<>()))
        .thenApply(rows -> {
          List<Anomaly> out = new ArrayList<>(rows.size());
          for (Row r : rows) {
            if (out.size() >= limit) {
              break;
            }
            out.add(fromJson(r.getString(0)));
          }
          return out;
        });
  }

  private static CompletionStage<List<Row>> allRows(AsyncResultSet rs, List<Row> acc) {
    rs.currentPage().forEach(acc::add);
    if (rs.hasMorePages()) {
      return rs.fetchNextPage().thenCompose(next -> allRows(next, acc));
    }
    return CompletableFuture.completedFuture(acc);
  }

  static String toJson(Anomaly a) {
    try {
      return JSON.writeValueAsString(a);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise anomaly " + a.id(), e);
    }
  }

  static Anomaly fromJson(String body) {
    try {
      return JSON.readValue(body, Anomaly.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored anomaly is not readable: " + e.getOriginalMessage(), e);
    }
  }
}
