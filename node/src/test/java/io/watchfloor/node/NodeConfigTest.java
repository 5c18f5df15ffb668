package io.watchfloor.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigTest {
  @TempDir Path dir;

  @Test
  void shouldReadTheDefaults() {
    NodeSettings s = NodeSettings.create(NodeConfig.defaults());
    assertThat(s.site()).isEqualTo("local");
    assertThat(s.httpPort()).isEqualTo(8080);
    assertThat(s.store().embedded()).isTrue();
    assertThat(s.store().keyspace()).isEqualTo("watchfloor");
    assertThat(s.capture().fileReader()).isEqualTo("mapped");
  }

  @Test
  void shouldNameEveryUnknownKey() {
    assertThatThrownBy(() -> NodeConfig.load(ConfigFactory.parseString(
            "watchfloor.sit = x\nwatchfloor.store.keyspase = y\nwatchfloor.store.replication.dc1 = 3")))
        .isInstanceOf(NodeConfig.BadConfigException.class)
        .hasMessageContaining("watchfloor.sit")
        .hasMessageContaining("watchfloor.store.keyspase")
        .hasMessageNotContaining("replication");
  }

  @Test
  void shouldRefuseAMissingOrBrokenFile() throws Exception {
    assertThatThrownBy(() -> NodeConfig.fromFile(dir.resolve("missing.conf")))
        .hasMessageContaining("config file not found");
    Path broken = Files.writeString(dir.resolve("broken.conf"), "watchfloor { site = ");
    assertThatThrownBy(() -> NodeConfig.fromFile(broken))
        .isInstanceOf(NodeConfig.BadConfigException.class)
        .hasMessageContaining("is not valid");
  }

  @Test
  void shouldRefuseBadValuesNamingTheKey() {
    assertThatThrownBy(() -> NodeSettings.create(NodeConfig.load(ConfigFactory.parseString("watchfloor.site = \"a b\""))))
        .hasMessageContaining("watchfloor.site");
    assertThatThrownBy(() -> NodeSettings.create(NodeConfig.load(ConfigFactory.parseString("watchfloor.http.port = 70000"))))
        .hasMessageContaining("watchfloor.http.port");
    assertThatThrownBy(() -> NodeSettings.create(NodeConfig.load(ConfigFactory.parseString("watchfloor.store.keyspace = \"Bad-Name\""))))
        .hasMessageContaining("watchfloor.store.keyspace");
    assertThatThrownBy(() -> NodeSettings.create(NodeConfig.load(ConfigFactory.parseString("watchfloor.alerts.webhook.url = \"ftp://x\""))))
        .hasMessageContaining("watchfloor.alerts.webhook.url");
    assertThatThrownBy(() -> NodeSettings.create(NodeConfig.load(ConfigFactory.parseString("watchfloor.capture.file-reader = magic"))))
        .hasMessageContaining("watchfloor.capture.file-reader");
    assertThatThrownBy(() -> NodeSettings.create(NodeConfig.load(ConfigFactory.parseString("watchfloor.store.contact-points = [\"nohost\"]"))))
        .hasMessageContaining("host:port");
  }

  @Test
  void shouldReadCaptureSourcesAndRejectUnknownSourceKeys() {
    NodeSettings s = NodeSettings.create(NodeConfig.load(ConfigFactory.parseString(
        "watchfloor.capture.sources = [{segment = dmz, interface = eth1, filter = \"tcp\"}, {segment = up, file = \"/x.pcap\"}]")));
    assertThat(s.capture().sources()).hasSize(2);
    assertThat(s.capture().sources().get(0).live()).isTrue();
    assertThatThrownBy(() -> NodeSettings.create(NodeConfig.load(ConfigFactory.parseString(
            "watchfloor.capture.sources = [{segment = dmz, iface = eth1}]"))))
        .hasMessageContaining("watchfloor.capture.sources[0].iface");
    assertThatThrownBy(() -> NodeSettings.create(NodeConfig.load(ConfigFactory.parseString(
            "watchfloor.capture.sources = [{segment = dmz, interface = eth1, file = \"/x\"}]"))))
        .hasMessageContaining("exactly one of 'file', 'interface' or 'netflow'");
  }

  @Test
  void shouldAcceptARoutingTreeAndNameItsBadKeysWithTheirPath() {
    NodeSettings ok = NodeSettings.create(NodeConfig.load(ConfigFactory.parseString("""
        watchfloor.alerting {
          receivers = [ { name = net, pagerduty_configs = [ { routing_key_env = PD_KEY } ] } ]
          route { receiver = net, routes = [ { matchers = ["rule.name=port_scan"], receiver = net } ] }
        }
        """)));
    assertThat(ok.alerting().receivers()).extracting(r -> r.name()).containsExactly("net");
    assertThat(ok.alerting().enabled()).isFalse();
    assertThatThrownBy(() -> NodeSettings.create(NodeConfig.load(ConfigFactory.parseString(
            "watchfloor.alerting.route.routes = [ { receiver = \"null\", grup_by = [site] } ]"))))
        .isInstanceOf(NodeConfig.BadConfigException.class)
        .hasMessageContaining("watchfloor.alerting.route.routes[0].grup_by: unknown key");
    assertThatThrownBy(() -> NodeSettings.create(NodeConfig.load(ConfigFactory.parseString(
            "watchfloor.alerting.receivers = [ { name = x, pagerduty_configs = [ { routing_key_env = \"abc-123 secret\" } ] } ]"))))
        .hasMessageContaining("watchfloor.alerting.receivers[0].pagerduty_configs[0].routing_key_env: must name an environment variable");
    assertThatThrownBy(() -> NodeConfig.load(ConfigFactory.parseString("watchfloor.alerting.enabeld = on")))
        .hasMessageContaining("watchfloor.alerting.enabeld");
  }
}
