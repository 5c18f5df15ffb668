package io.watchfloor.node.alert.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.watchfloor.node.alert.RecordingReceiver;
import io.watchfloor.node.alert.TestNotifications;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each integration against a real HTTP server on loopback, checking the fields its API needs. */
class ReceiverPayloadTest {
  private final RecordingReceiver server = new RecordingReceiver();
  private final Map<String, String> environment = Map.of(
      "PD_KEY", "R0UT1NGKEY", "OG_KEY", "genie-secret", "SLACK_URL", server.url("/services/T0/B0/xyz"));
  private final Function<String, String> env = environment::get;
  private final HttpSender sender = new HttpSender(Duration.ofSeconds(5), env);

  @AfterEach
  void close() {
    server.close();
  }

  private RecordingReceiver.Request deliver(Integration integration, Notification n) throws Exception {
    DeliveryOutcome o = sender.send(integration, n).toCompletableFuture().get();
    assertThat(o.kind()).as(String.valueOf(o.error())).isEqualTo(DeliveryOutcome.Kind.DELIVERED);
    List<RecordingReceiver.Request> got = server.accepted();
    return got.get(got.size() - 1);
  }

  @Test
  void shouldTriggerPagerDutyWithDedupKeySeverityAndLinks() throws Exception {
    Notification n = TestNotifications.firing("network", 7);
    RecordingReceiver.Request r = deliver(new PagerDutyIntegration(URI.create(server.url("/v2/enqueue")), "PD_KEY"), n);
    JsonNode b = r.body();
    assertThat(r.path()).isEqualTo("/v2/enqueue");
    assertThat(b.path("routing_key").asText()).isEqualTo("R0UT1NGKEY");
    assertThat(b.path("event_action").asText()).isEqualTo("trigger");
    assertThat(b.path("dedup_key").asText()).isEqualTo(n.groupKey());
    JsonNode p = b.path("payload");
    assertThat(p.path("summary").asText()).startsWith("port_scan from 10.0.0.7 on hq [high]").contains("probed 120 ports");
    assertThat(p.path("source").asText()).isEqualTo("10.0.0.7");
    assertThat(p.path("severity").asText()).isEqualTo("error");
    assertThat(p.path("timestamp").asText()).isEqualTo("2023-11-14T22:14:30Z");
    assertThat(p.path("custom_details").path("anomaly_id").asText()).isEqualTo(n.lead().anomalyId());
    assertThat(p.path("custom_details").path("labels").path("rule.name").asText()).isEqualTo("port_scan");
    assertThat(b.path("links").get(0).path("href").asText()).isEqualTo(n.lead().anomalyUrl());
    assertThat(b.path("links").get(1).path("href").asText()).endsWith("/pcap");
  }

  @Test
  void shouldAcknowledgeAndResolvePagerDutyByTheSameDedupKey() throws Exception {
    PagerDutyIntegration pd = new PagerDutyIntegration(URI.create(server.url("/v2/enqueue")), "PD_KEY");
    JsonNode ack = deliver(pd, TestNotifications.of("network", 7, Notification.Status.ACKNOWLEDGED)).body();
    JsonNode resolve = deliver(pd, TestNotifications.of("network", 7, Notification.Status.RESOLVED)).body();
    assertThat(ack.path("event_action").asText()).isEqualTo("acknowledge");
    assertThat(resolve.path("event_action").asText()).isEqualTo("resolve");
    assertThat(resolve.path("dedup_key").asText()).isEqualTo(ack.path("dedup_key").asText()).isNotBlank();
    assertThat(resolve.has("payload")).isFalse();
  }

  @Test
  void shouldCreateOpsgenieAlertsAndCloseThemByAlias() throws Exception {
    OpsgenieIntegration og = new OpsgenieIntegration(URI.create(server.url("")), "OG_KEY",
        List.of(Map.of("type", "team", "name", "data-protection")), List.of("watchfloor"));
    Notification n = TestNotifications.firing("dataprotection", 3);
    RecordingReceiver.Request create = deliver(og, n);
    assertThat(create.path()).isEqualTo("/v2/alerts");
    assertThat(create.header("Authorization")).isEqualTo("GenieKey genie-secret");
    JsonNode b = create.body();
    assertThat(b.path("message").asText()).isEqualTo("port_scan from 10.0.0.3 on hq [high]");
    assertThat(b.path("alias").asText()).isEqualTo(n.groupKey());
    assertThat(b.path("priority").asText()).isEqualTo("P2");
    assertThat(b.path("responders").get(0).path("name").asText()).isEqualTo("data-protection");
    assertThat(b.path("responders").get(0).path("type").asText()).isEqualTo("team");
    assertThat(b.path("tags").toString()).contains("watchfloor", "port_scan", "severity:high");
    assertThat(b.path("details").path("pcap_url").asText()).endsWith("/pcap");
    assertThat(b.path("details").path("source.ip").asText()).isEqualTo("10.0.0.3");

    RecordingReceiver.Request close = deliver(og, TestNotifications.of("dataprotection", 3, Notification.Status.RESOLVED));
    assertThat(close.path()).startsWith("/v2/alerts/").endsWith("/close");
    assertThat(java.net.URLDecoder.decode(close.path().substring("/v2/alerts/".length(), close.path().length() - "/close".length()),
        java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(n.groupKey());
    assertThat(close.query()).isEqualTo("identifierType=alias");
  }

  @Test
  void shouldPostSlackTextAndBlocksToTheWebhookFromTheEnvironment() throws Exception {
    RecordingReceiver.Request r = deliver(new SlackIntegration("SLACK_URL", "#soc"), TestNotifications.firing("slack", 5));
    assertThat(r.path()).isEqualTo("/services/T0/B0/xyz");
    JsonNode b = r.body();
    assertThat(b.path("channel").asText()).isEqualTo("#soc");
    assertThat(b.path("text").asText()).isEqualTo("[FIRING] port_scan from 10.0.0.5 on hq [high]");
    assertThat(b.path("blocks").get(0).path("type").asText()).isEqualTo("header");
    assertThat(b.path("blocks").get(1).path("text").path("text").asText()).contains("probed 120 ports");
    assertThat(b.path("blocks").toString()).contains("/api/v1/anomalies/", "pcap evidence", "10.0.1.1");
  }

  @Test
  void shouldPostAlertmanagerV4JsonToAWebhook() throws Exception {
    Notification n = TestNotifications.firing("archive", 9);
    JsonNode b = deliver(new WebhookIntegration(URI.create(server.url("/hook"))), n).body();
    assertThat(b.path("version").asText()).isEqualTo("4");
    assertThat(b.path("groupKey").asText()).isEqualTo(n.groupKey());
    assertThat(b.path("status").asText()).isEqualTo("firing");
    assertThat(b.path("receiver").asText()).isEqualTo("archive");
    assertThat(b.path("groupLabels").path("host").asText()).isEqualTo("10.0.0.9");
    assertThat(b.path("commonLabels").path("rule.name").asText()).isEqualTo("port_scan");
    assertThat(b.path("externalURL").asText()).isEqualTo("http://wf.example:8080");
    JsonNode a = b.path("alerts").get(0);
    assertThat(a.path("labels").path("severity").asText()).isEqualTo("high");
    assertThat(a.path("annotations").path("summary").asText()).contains("probed");
    assertThat(a.path("startsAt").asText()).isEqualTo("2023-11-14T22:14:50Z");
    assertThat(a.path("generatorURL").asText()).isEqualTo(n.lead().anomalyUrl());
    assertThat(a.path("fingerprint").asText()).isEqualTo(n.lead().anomalyId());
  }

  @Test
  void shouldRetryOn5xxAnd429AndGiveUpOnOther4xx() throws Exception {
    WebhookIntegration hook = new WebhookIntegration(URI.create(server.url("/hook")));
    Notification n = TestNotifications.firing("archive", 1);
    server.answer(() -> 503);
    assertThat(sender.send(hook, n).toCompletableFuture().get().kind()).isEqualTo(DeliveryOutcome.Kind.RETRY);
    server.answer(() -> 429);
    server.retryAfter("7");
    DeliveryOutcome limited = sender.send(hook, n).toCompletableFuture().get();
    assertThat(limited.kind()).isEqualTo(DeliveryOutcome.Kind.RETRY);
    assertThat(limited.retryAfter()).hasSeconds(7);
    server.answer(() -> 400);
    assertThat(sender.send(hook, n).toCompletableFuture().get().kind()).isEqualTo(DeliveryOutcome.Kind.REJECTED);
    DeliveryOutcome refused = sender.send(new WebhookIntegration(URI.create("http://127.0.0.1:1/hook")), n)
        .toCompletableFuture().get();
    assertThat(refused.kind()).isEqualTo(DeliveryOutcome.Kind.RETRY);
  }

  @Test
  void shouldNeverPutSecretsInErrors() throws Exception {
    server.answer(() -> 500);
    DeliveryOutcome o = sender.send(new PagerDutyIntegration(URI.create(server.url("/v2/enqueue")), "PD_KEY"),
        TestNotifications.firing("network", 1)).toCompletableFuture().get();
    assertThat(o.error()).contains("HTTP 500").doesNotContain("R0UT1NGKEY");
    DeliveryOutcome missing = sender.send(new PagerDutyIntegration(URI.create(server.url("/v2/enqueue")), "NOT_SET"),
        TestNotifications.firing("network", 1)).toCompletableFuture().get();
    assertThat(missing.error()).contains("environment variable NOT_SET is not set");
    server.answer(() -> 503);
    DeliveryOutcome slack = sender.send(new SlackIntegration("SLACK_URL", ""), TestNotifications.firing("slack", 1))
        .toCompletableFuture().get();
    assertThat(slack.error()).contains("HTTP 503").doesNotContain("/services/T0/B0/xyz");
  }
}
