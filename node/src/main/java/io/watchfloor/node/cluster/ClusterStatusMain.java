package io.watchfloor.node.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ops/cluster status}: asks the first management endpoint that answers for the cluster's
 * members and prints one line per member: address, data center (site), status, and whether it is
 * unreachable from the answering node. Exit 0 when a node answered, 1 when none did.
 */
public final class ClusterStatusMain {
  private static final String DC_ROLE = "dc-";

  private ClusterStatusMain() {}

  /** @param args management base URLs, e.g. http://127.0.0.1:8558 */
  public static void main(String[] args) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    List<String> tried = new ArrayList<>();
    for (String base : args) {
      try {
        HttpResponse<String> r = http.send(
            HttpRequest.newBuilder(URI.create(base + "/cluster/members")).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          print(new ObjectMapper().readTree(r.body()), base);
          return;
        }
        tried.add(base + " (HTTP " + r.statusCode() + ")");
      } catch (java.io.IOException e) {
        tried.add(base + " (" + e.getClass().getSimpleName() + ")");
      }
    }
    System.out.println("no cluster member answers: " + String.join(", ", tried));
    System.exit(1);
  }

  private static void print(JsonNode body, String answeredBy) {
    List<String> unreachable = new ArrayList<>();
    for (JsonNode u : body.path("unreachable")) {
      unreachable.add(u.path("node").asText());
    }
    System.out.printf("%-36s %-12s %-10s %s%n", "ADDRESS", "SITE (DC)", "STATUS", "REACHABLE");
    for (JsonNode m : body.path("members")) {
      String node = m.path("node").asText();
      String dc = "";
      for (JsonNode role : m.path("roles")) {
        if (role.asText().startsWith(DC_ROLE)) {
          dc = role.asText().substring(DC_ROLE.length());
        }
      }
      System.out.printf("%-36s %-12s %-10s %s%n", node, dc, m.path("status").asText(),
          unreachable.contains(node) ? "no" : "yes");
    }
    System.out.println("(as seen by " + answeredBy + ", leader " + body.path("leader").asText() + ")");
  }
}
