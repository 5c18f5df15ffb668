package io.watchfloor.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.watchfloor.node.alert.group.AlertGroupState;
import io.watchfloor.node.alert.receiver.Notification;
import io.watchfloor.node.testing.SharedCassandra;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Alert group state in a real Cassandra: what is saved loads back equal; what cannot be read is skipped. */
@ExtendWith(SharedCassandra.class)
class AlertGroupRepositoryTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  static CqlSession session;
  static String keyspace;
  static AlertGroupRepository repository;

  @BeforeAll
  static void connect() {
    session = SharedCassandra.newSession();
    keyspace = SharedCassandra.freshKeyspace("groups");
    SchemaMigrator.migrate(session, new StoreSettings(List.of(SharedCassandra.contactPoint()), "datacenter1", keyspace,
        Map.of("class", "SimpleStrategy", "replication_factor", "1"), Duration.ofDays(7), Duration.ofSeconds(30)));
    repository = new AlertGroupRepository(session, keyspace);
  }

  @AfterAll
  static void close() {
    session.close();
  }

  @BeforeEach
  void empty() {
    session.execute("TRUNCATE " + keyspace + ".alert_groups");
  }

  private static AlertGroupState acknowledgedGroup(String id) {
    Map<String, String> labels = Map.of("host", "10.0.0.1", "rule.name", "port_scan", "severity", "high");
    List<Notification.AlertItem> alerts = List.of(
        new Notification.AlertItem("a-1", labels, "scan", 0.9, 1_000L, 0, "http://wf/a-1", "http://wf/a-1/pcap",
            Map.of("ports", "120")),
        new Notification.AlertItem("a-2", labels, "scan again", 0.95, 2_000L, 0, "http://wf/a-2", "http://wf/a-2/pcap",
            Map.of()));
    AlertGroupState.Open open = new AlertGroupState.Open("soc", "route.routes[0]", "route.routes[0]{host=\"10.0.0.1\"}",
        Map.of("host", "10.0.0.1"), Notification.Status.ACKNOWLEDGED, "a-1", 1_000L, 2_000L, 1_500L, true, 2, alerts);
    return new AlertGroupState(id, open, new AlertGroupState.Flaps(2, 500L));
  }

  private static List<AlertGroupState> loaded() throws Exception {
    return repository.loadAll().toCompletableFuture().get().groups();
  }

  @Test
  void shouldLoadBackWhatWasSaved() throws Exception {
    AlertGroupState open = acknowledgedGroup("00000000000000a1");
    AlertGroupState neverNotified = new AlertGroupState("00000000000000a2",
        new AlertGroupState.Open("soc", "route", "route{}", Map.of(), Notification.Status.FIRING, "b-1", 1L, 1L, null,
            true, 0, List.of()), null);
    repository.save(open, NOW).toCompletableFuture().get();
    repository.save(neverNotified, NOW).toCompletableFuture().get();

    assertThat(loaded()).containsExactlyInAnyOrder(open, neverNotified);
  }

  @Test
  void shouldReplaceAGroupsRowAndForgetADeletedOne() throws Exception {
    AlertGroupState open = acknowledgedGroup("00000000000000b1");
    AlertGroupState resolved = new AlertGroupState("00000000000000b1", null, new AlertGroupState.Flaps(3, 9_000L));
    repository.save(open, NOW).toCompletableFuture().get();
    repository.save(resolved, NOW, Duration.ofHours(1)).toCompletableFuture().get();
    assertThat(loaded()).containsExactly(resolved);

    repository.delete("00000000000000b1").toCompletableFuture().get();
    assertThat(loaded()).isEmpty();
  }

  @Test
  void shouldLetTheRowOfAResolvedGroupExpire() throws Exception {
    AlertGroupState resolved = new AlertGroupState("00000000000000c1", null, new AlertGroupState.Flaps(1, 9_000L));
    repository.save(resolved, NOW, Duration.ofSeconds(1)).toCompletableFuture().get();
    int ttl = session.execute("SELECT TTL(state) FROM " + keyspace + ".alert_groups WHERE group_id = ?", resolved.id())
        .one().getInt(0);
    assertThat(ttl).isBetween(0, 1);
    Thread.sleep(2_100);
    assertThat(loaded()).isEmpty();
  }

  @Test
  void shouldSkipRowsOfAnUnknownFormatOrUnreadableState() throws Exception {
    AlertGroupState good = acknowledgedGroup("00000000000000d1");
    repository.save(good, NOW).toCompletableFuture().get();
    String insert = "INSERT INTO " + keyspace + ".alert_groups (group_id, format, state, updated_at) VALUES (?, ?, ?, ?)";
    session.execute(insert, "00000000000000d2", AlertGroupRepository.FORMAT + 1,
        ByteBuffer.wrap(AlertGroupRepository.encode(acknowledgedGroup("00000000000000d2"))), NOW);
    session.execute(insert, "00000000000000d3", AlertGroupRepository.FORMAT, ByteBuffer.wrap(new byte[] {1, 2, 3}), NOW);

    AlertGroupRepository.Loaded all = repository.loadAll().toCompletableFuture().get();
    assertThat(all.groups()).containsExactly(good);
    assertThat(all.skipped()).isEqualTo(2);
  }
}
