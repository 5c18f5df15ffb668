package io.watchfloor.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.watchfloor.node.NodeConfig;
import io.watchfloor.node.NodeSettings;
import org.junit.jupiter.api.Test;

class ClusterConfigTest {

  private static Config pekkoFor(String hocon) {
    Config config = NodeConfig.load(ConfigFactory.parseString(hocon));
    NodeSettings settings = NodeSettings.create(config);
    return ClusterConfig.apply(config, settings.site(), settings.cluster());
  }

  @Test
  void shouldMakeTheSiteTheDataCenterAndSeedsPekkoAddresses() {
    Config c = pekkoFor("watchfloor { site = hq, cluster { hostname = \"10.0.0.5\", port = 25520,"
        + " seed-nodes = [\"10.0.0.5:25520\", \"10.1.0.5:25520\"], split-brain.stable-after = 7s } }");

    assertThat(c.getString("pekko.cluster.multi-data-center.self-data-center")).isEqualTo("hq");
    assertThat(c.getString("pekko.remote.artery.canonical.hostname")).isEqualTo("10.0.0.5");
    assertThat(c.getInt("pekko.remote.artery.canonical.port")).isEqualTo(25520);
    assertThat(c.getStringList("pekko.cluster.seed-nodes"))
        .containsExactly("pekko://watchfloor@10.0.0.5:25520", "pekko://watchfloor@10.1.0.5:25520");
    assertThat(c.getString("pekko.cluster.split-brain-resolver.active-strategy")).isEqualTo("keep-majority");
    assertThat(c.getDuration("pekko.cluster.split-brain-resolver.stable-after").toSeconds()).isEqualTo(7);
  }

  @Test
  void shouldStayAOneNodeClusterOnAFreePortWithoutClusterKeys() {
    Config c = pekkoFor("");

    assertThat(c.getStringList("pekko.cluster.seed-nodes")).isEmpty();
    assertThat(c.getInt("pekko.remote.artery.canonical.port")).isZero();
    assertThat(c.getString("pekko.cluster.multi-data-center.self-data-center")).isEqualTo("local");
  }

  @Test
  void shouldPassTheHostIdleTimeoutToShardingPassivation() {
    Config c = pekkoFor("watchfloor.host.idle-timeout = 42s");

    assertThat(c.getDuration("pekko.cluster.sharding.passivation.default-idle-strategy.idle-entity.timeout").toSeconds())
        .isEqualTo(42);
  }

  @Test
  void shouldRejectSeedNodesWithoutAFixedPort() {
    assertThatThrownBy(() -> pekkoFor("watchfloor.cluster.seed-nodes = [\"10.0.0.5:25520\"]"))
        .hasMessageContaining("watchfloor.cluster.port must be fixed");
  }

  @Test
  void shouldRejectAnUnknownDowningStrategy() {
    assertThatThrownBy(() -> pekkoFor("watchfloor.cluster.split-brain.strategy = keep-everyone"))
        .hasMessageContaining("keep-everyone");
  }

  @Test
  void shouldRejectASeedNodeWithoutAPort() {
    assertThatThrownBy(() -> pekkoFor("watchfloor.cluster { port = 25520, seed-nodes = [\"10.0.0.5\"] }"))
        .hasMessageContaining("'10.0.0.5' is not of the form host:port");
  }
}
