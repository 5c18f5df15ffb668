package io.watchfloor.node.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import io.watchfloor.node.NodeConfig;
import io.watchfloor.node.alert.receiver.HttpSender;
import io.watchfloor.node.alert.silence.Silence;
import io.watchfloor.node.store.CassandraStore;
import io.watchfloor.node.testing.SharedCassandra;
import io.watchfloor.protocol.alert.Anomaly;
import io.watchfloor.protocol.alert.Explanation;
import io.watchfloor.protocol.alert.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The router end to end: anomalies published on the topic, the real outbox in Cassandra, real
 * receivers on loopback, and a clock the test moves (on-call hours, group timers).
 */
@ExtendWith(SharedCassandra.class)
class AlertRouterTest {
  private static final Instant TUESDAY_NOON_BERLIN = Instant.parse("2026-11-24T11:00:00Z");
  private static final Instant TUESDAY_NIGHT_BERLIN = Instant.parse("2026-11-24T22:00:00Z");

  @RegisterExtension static final AlertRouterFixture fixture = new AlertRouterFixture("router");
  private final RecordingReceiver day = fixture.receiver();
  private final RecordingReceiver night = fixture.receiver();
  private final RecordingReceiver dataProtection = fixture.receiver();
  private final MutableClock clock = new MutableClock(TUESDAY_NOON_BERLIN);
  private ActorTestKit kit;
  private ActorRef<Topic.Command<Anomaly>> topic;
  private ActorRef<AlertRouter.Command> router;

  private String config(String extra) {
    return """
        watchfloor.alerting {
          enabled = on
          tick = 50ms
          resolve-after = 10m
          external-url = "http://wf.test:8080"
          delivery { min-backoff = 100ms, max-backoff = 500ms, poll-interval = 200ms, rate-limit = 100, rate-period = 1s }
          time_intervals = [ { name = office, time_intervals = [ { weekdays = ["monday:friday"],
              times = [ { start_time = "08:00", end_time = "18:00" } ], location = "Europe/Berlin" } ] } ]
          receivers = [
            { name = network-day, webhook_configs = [ { url = "%s" } ] }
            { name = network-night, webhook_configs = [ { url = "%s" } ] }
            { name = dataprotection, webhook_configs = [ { url = "%s" } ] }
          ]
          route {
            receiver = "network-day"
            group_by = [host, "rule.name"]
            group_wait = 0s
            routes = [
              { matchers = ["rule.name=~port_scan|flood"], receiver = network-day, active_time_intervals = [office], continue = true }
              { matchers = ["rule.name=~port_scan|flood"], receiver = network-night, mute_time_intervals = [office] }
              { matchers = ["rule.name=exfiltration"], receiver = dataprotection, group_wait = 5m, group_by = [site] }
            ]
          }
          %s
        }
        """.formatted(day.url("/day"), night.url("/night"), dataProtection.url("/dp"), extra);
  }

  private void start(String extraConfig) throws Exception {
    AlertingSettings settings = AlertingSettings.create(NodeConfig.load(ConfigFactory.parseString(config(extraConfig))));
    kit = fixture.startKit();
    topic = kit.spawn(Topic.create(Anomaly.class, "anomalies"));
    CassandraStore store = fixture.store();
    AlertRouter.Dependencies deps = new AlertRouter.Dependencies(
        settings, store.outbox(), store.silences(), store.actions(), store.alertGroups(), new HttpSender(Duration.ofSeconds(2), System::getenv), clock);
    router = kit.spawn(AlertRouter.create(deps, topic));
    await(() -> {
      try {
        return org.apache.pekko.actor.typed.javadsl.AskPattern.<Topic.Command<Anomaly>, Topic.TopicStats>ask(
            topic, Topic::getTopicStats, Duration.ofSeconds(3), kit.scheduler()).toCompletableFuture().get().localSubscriberCount() == 1;
      } catch (Exception e) {
        return false;
      }
    });
  }

  private static int counter;

  private static Anomaly anomaly(String detector, String host, Severity severity) {
    long start = 1_763_800_000_000L + (++counter) * 10_000L;
    return new Anomaly(Anomaly.idFor("hq", host, detector, start), "hq", "dmz", host, detector, "network", severity, 0.9,
        start, start + 10_000, start + 11_000, host, "10.9.9.9", 443, "tcp",
        new Explanation(detector + " by " + host, List.of(), Map.of("bytes_out", "123")));
  }

  private void publish(Anomaly a) {
    topic.tell(Topic.publish(a));
  }

  /** The router has taken in n anomalies: moving the clock now cannot overtake them. */
  private void awaitRouted(long n) throws InterruptedException {
    await(() -> {
      try {
        return org.apache.pekko.actor.typed.javadsl.AskPattern.<AlertRouter.Command, AlertRouterStats>ask(
            router, AlertRouter.GetStats::new, Duration.ofSeconds(3), kit.scheduler()).toCompletableFuture().get().anomalies() >= n;
      } catch (Exception e) {
        return false;
      }
    });
  }

  private static void await(BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 20 s");
      }
      Thread.sleep(50);
    }
  }

  private static List<String> hosts(RecordingReceiver r) {
    return r.accepted().stream().map(q -> q.body().path("alerts").get(0).path("labels").path("host").asText()).toList();
  }

  private static List<String> messages(RecordingReceiver r) {
    return r.accepted().stream().map(q -> q.body().path("status").asText() + " "
        + q.body().path("alerts").get(0).path("labels").path("host").asText()).toList();
  }

  @Test
  void shouldSendScansToTheDayTeamInOfficeHoursAndToTheNightTeamOutside() throws Exception {
    start("");
    publish(anomaly("port_scan", "10.0.0.1", Severity.HIGH));
    await(() -> day.accepted().size() == 1);
    awaitRouted(1);
    clock.set(TUESDAY_NIGHT_BERLIN);
    publish(anomaly("port_scan", "10.0.0.2", Severity.HIGH));
    await(() -> night.accepted().size() == 1);
    Thread.sleep(500);
    assertThat(messages(day)).containsExactly("firing 10.0.0.1", "resolved 10.0.0.1"); // quiet for 11 h
    assertThat(messages(night)).containsExactly("firing 10.0.0.2");
    assertThat(dataProtection.accepted()).isEmpty();
  }

  @Test
  void shouldGroupWithinGroupWaitAndResolveAfterTheQuietTime() throws Exception {
    start("");
    publish(anomaly("exfiltration", "10.0.0.7", Severity.CRITICAL));
    publish(anomaly("exfiltration", "10.0.0.8", Severity.CRITICAL));
    awaitRouted(2);
    Thread.sleep(300);
    assertThat(dataProtection.accepted()).isEmpty(); // group_wait = 5m on the injected clock
    clock.advance(Duration.ofMinutes(5));
    await(() -> dataProtection.accepted().size() == 1);
    JsonNode first = dataProtection.accepted().get(0).body();
    assertThat(first.path("status").asText()).isEqualTo("firing");
    assertThat(first.path("alerts")).hasSize(2);
    assertThat(first.path("groupLabels").path("site").asText()).isEqualTo("hq");

    clock.advance(Duration.ofMinutes(11)); // nothing new for longer than resolve-after
    await(() -> dataProtection.accepted().size() == 2);
    JsonNode resolved = dataProtection.accepted().get(1).body();
    assertThat(resolved.path("status").asText()).isEqualTo("resolved");
    assertThat(resolved.path("groupKey").asText()).isEqualTo(first.path("groupKey").asText());
  }

  @Test
  void shouldDeduplicateARepublishedAnomaly() throws Exception {
    start("");
    Anomaly a = anomaly("flood", "10.0.0.3", Severity.HIGH);
    publish(a);
    publish(a);
    publish(anomaly("flood", "10.0.0.3", Severity.HIGH)); // same group, before group_interval: no new message
    await(() -> day.accepted().size() == 1);
    Thread.sleep(700);
    assertThat(day.accepted()).hasSize(1);
  }

  @Test
  void shouldSuppressExactlyWhatAnInhibitionRuleMatches() throws Exception {
    start("inhibit_rules = [ { source_matchers = [\"severity=critical\"], target_matchers = [\"severity!=critical\"], equal = [host] } ]");
    publish(anomaly("flood", "10.0.0.4", Severity.CRITICAL));
    await(() -> day.accepted().size() == 1);
    publish(anomaly("port_scan", "10.0.0.4", Severity.HIGH)); // same host: inhibited
    publish(anomaly("port_scan", "10.0.0.5", Severity.HIGH)); // other host: sent
    await(() -> day.accepted().size() == 2);
    Thread.sleep(700);
    assertThat(day.accepted()).extracting(r -> r.body().path("alerts").get(0).path("labels").path("rule.name").asText()
        + "@" + r.body().path("alerts").get(0).path("labels").path("host").asText())
        .containsExactlyInAnyOrder("flood@10.0.0.4", "port_scan@10.0.0.5");
  }

  @Test
  void shouldSuppressExactlyWhatASilenceMatchesWhileItLasts() throws Exception {
    Instant now = clock.instant();
    fixture.store().silences().save(new Silence("s-" + System.nanoTime(), List.of("host=10.0.0.6", "rule.name=port_scan"),
        now.minusSeconds(60).toEpochMilli(), now.plusSeconds(3600).toEpochMilli(), "alice", "maintenance"))
        .toCompletableFuture().get();
    start("");
    publish(anomaly("port_scan", "10.0.0.6", Severity.HIGH)); // silenced
    publish(anomaly("flood", "10.0.0.6", Severity.HIGH)); // other rule: sent
    await(() -> day.accepted().size() == 1);
    Thread.sleep(700);
    assertThat(hosts(day)).hasSize(1);
    assertThat(day.accepted().get(0).body().path("alerts").get(0).path("labels").path("rule.name").asText()).isEqualTo("flood");
    clock.advance(Duration.ofHours(2)); // past the silence and past resolve-after: a group never sent is dropped quietly
    Thread.sleep(500);
    assertThat(day.accepted().stream().filter(r -> r.body().toString().contains("port_scan"))).isEmpty();
  }

  @Test
  void shouldRunTheMatchingPlaybookOnceAndRecordEveryAction() throws Exception {
    try (RecordingReceiver tickets = new RecordingReceiver()) {
      start("""
          playbooks = [
            { name = exfil, matchers = ["rule.name=exfiltration", "severity=~high|critical"], actions = [
                { type = notify }, { type = attach_pcap },
                { type = recommend_containment, text = "Isolate {host}; block {destination.ip} at the proxy" },
                { type = ticket, url = "%s" } ] }
            { name = low-noise, matchers = ["severity=low"], actions = [ { type = notify } ] }
          ]
          """.formatted(tickets.url("/tickets")));
      Anomaly a = anomaly("exfiltration", "10.0.0.9", Severity.CRITICAL);
      publish(a);
      awaitRouted(1);
      clock.advance(Duration.ofMinutes(5));
      await(() -> tickets.accepted().size() == 1 && dataProtection.accepted().size() == 1);
      JsonNode ticket = tickets.accepted().get(0).body();
      assertThat(ticket.path("title").asText()).isEqualTo("exfiltration from 10.0.0.9 on hq [critical]");
      assertThat(ticket.path("recommendation").asText()).isEqualTo("Isolate 10.0.0.9; block 10.9.9.9 at the proxy");
      assertThat(ticket.path("pcap_url").asText()).isEqualTo("http://wf.test:8080/api/v1/anomalies/" + a.id() + "/pcap");
      assertThat(ticket.path("severity").asText()).isEqualTo("critical");
      var records = fixture.store().actions().forAlert(a.id()).toCompletableFuture().get();
      assertThat(records).extracting(r -> r.playbook() + ":" + r.action())
          .containsExactly("exfil:notify", "exfil:attach_pcap", "exfil:recommend_containment", "exfil:ticket");
      assertThat(records.get(0).detail()).isEqualTo("notified dataprotection");
      publish(anomaly("exfiltration", "10.0.0.10", Severity.CRITICAL)); // same group (by site): no second run
      awaitRouted(2);
      clock.advance(Duration.ofMinutes(6));
      await(() -> dataProtection.accepted().size() == 2);
      Thread.sleep(500);
      assertThat(tickets.accepted()).hasSize(1);
    }
  }
}
