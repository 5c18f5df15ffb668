package io.watchfloor.node.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.watchfloor.node.NodeConfig;
import io.watchfloor.node.alert.route.Route;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two-team routing config shown in README.md is valid and routes as the README says. */
class ReadmeRoutingTest {
  private static AlertingSettings readmeConfig() throws Exception {
    Path readme = Path.of(System.getProperty("watchfloor.home", "..")).resolve("README.md");
    String text = Files.readString(readme);
    int start = text.indexOf("```hocon\nwatchfloor.alerting {");
    assertThat(start).as("README has the routing example").isNotNegative();
    String hocon = text.substring(start + "```hocon\n".length(), text.indexOf("```", start + 8));
    return AlertingSettings.create(NodeConfig.load(ConfigFactory.parseString(hocon)));
  }

  private static java.util.List<String> receivers(AlertingSettings s, String rule) {
    return s.routing().tree().match(Map.of("rule.name", rule, "site", "hq", "host", "10.0.0.1"))
        .stream().map(Route::receiver).toList();
  }

  @Test
  void shouldRouteScansToTheNetworkTeamExfiltrationToDataProtectionAndAllToSlack() throws Exception {
    AlertingSettings s = readmeConfig();
    assertThat(receivers(s, "port_scan")).containsExactly("soc-slack", "network-pagerduty");
    assertThat(receivers(s, "flood")).containsExactly("soc-slack", "network-pagerduty");
    assertThat(receivers(s, "exfiltration")).containsExactly("soc-slack", "dataprotection-opsgenie");
    assertThat(receivers(s, "beaconing")).containsExactly("soc-slack");
  }
}
