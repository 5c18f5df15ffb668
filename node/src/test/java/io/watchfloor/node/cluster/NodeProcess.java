package io.watchfloor.node.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.node.testing.SharedCassandra;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One {@code watchfloor node} in a JVM of its own (small heap), its output in a log file; killed with
 * SIGKILL or stopped with SIGTERM like a real node.
 */
final class NodeProcess implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  final String name;
  final int httpPort;
  final int managementPort;
  private final Process process;
  private final Path log;

  private NodeProcess(String name, int httpPort, int managementPort, Process process, Path log) {
    this.name = name;
    this.httpPort = httpPort;
    this.managementPort = managementPort;
    this.process = process;
    this.log = log;
  }

  /**
   * The config of a node in a test cluster: its site and ports, the shared Cassandra, a split-brain
   * resolver that decides after 3 s, and the node's own lines (each a HOCON line under
   * {@code watchfloor}).
   */
  static String config(String site, String keyspace, int clusterPort, int httpPort, int managementPort, String seeds,
      String... lines) {
    return "watchfloor {\n"
        + "  site = " + site + "\n"
        + "  http.port = " + httpPort + "\n"
        // the API's authentication has its own tests; these nodes are queried without tokens
        + "  http.auth.enabled = off\n"
        + Arrays.stream(lines).map(line -> "  " + line + "\n").collect(Collectors.joining())
        + "  store { contact-points = [\"" + SharedCassandra.contactPoint() + "\"], keyspace = " + keyspace + " }\n"
        + "  cluster {\n"
        + "    port = " + clusterPort + "\n"
        + "    seed-nodes = " + seeds + "\n"
        + "    split-brain.stable-after = 3s\n"
        + "    management { enabled = on, port = " + managementPort + " }\n"
        + "  }\n"
        + "}\n";
  }

  static NodeProcess start(String name, Path dir, String hocon, int httpPort, int managementPort) throws IOException {
    Path config = Files.writeString(dir.resolve(name + ".conf"), hocon);
    Path log = dir.resolve(name + ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
                List.of(
                    java, "-Xms64m", "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Dwatchfloor.home=" + System.getProperty("watchfloor.home", ".."),
                    "-cp", System.getProperty("java.class.path"),
                    "io.watchfloor.node.cli.Main", "node", "--config", config.toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    return new NodeProcess(name, httpPort, managementPort, pb.start(), log);
  }

  /** Waits until the node is a cluster member and its API answers. */
  void awaitReady(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + logTail());
      }
      if (status("http://127.0.0.1:" + managementPort + "/health/ready") == 200
          && status("http://127.0.0.1:" + httpPort + "/api/v1/health") == 200) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(name + " not ready after " + timeout + ":\n" + logTail());
  }

  /** Waits until the node's output has a line containing the text; fails at once if the node exits. */
  void awaitOutput(String text, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.readAllLines(log).stream().anyMatch(l -> l.contains(text))) {
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited with " + process.exitValue() + " before printing '" + text + "':\n"
            + logTail());
      }
      Thread.sleep(250);
    }
    throw new AssertionError(name + " did not print '" + text + "' within " + timeout + ":\n" + logTail());
  }

  HttpResponse<String> api(String path) throws Exception {
    return get("http://127.0.0.1:" + httpPort + path);
  }

  HttpResponse<String> management(String path) throws Exception {
    return get("http://127.0.0.1:" + managementPort + path);
  }

  /** The shards of an entity type that run on this node, from its management endpoint. */
  Set<String> shards(String typeName) throws Exception {
    Set<String> shards = new HashSet<>();
    for (JsonNode region : JSON.readTree(management("/cluster/shards/" + typeName).body()).path("regions")) {
      shards.add(region.path("shardId").asText());
    }
    return shards;
  }

  /** Members as "host:port" → "dc status", as this node sees them. */
  Map<String, String> members() throws Exception {
    JsonNode body = JSON.readTree(management("/cluster/members").body());
    Map<String, String> out = new HashMap<>();
    for (JsonNode m : body.path("members")) {
      String address = m.path("node").asText().replaceFirst("^pekko://[^@]+@", "");
      String dc = "";
      for (JsonNode role : m.path("roles")) {
        if (role.asText().startsWith("dc-")) {
          dc = role.asText().substring(3);
        }
      }
      out.put(address, dc + " " + m.path("status").asText());
    }
    return out;
  }

  /** The members, or one entry saying why they could not be read (for polling while nodes come and go). */
  Map<String, String> membersOrError() {
    try {
      return members();
    } catch (Exception e) {
      return Map.of("unknown", e.toString());
    }
  }

  /** SIGKILL: no shutdown hook, no hand-off. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM: the node leaves the cluster and hands its entities over. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(45, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Prints the end of each node's log: what a failed cluster test shows of its nodes. */
  static void printLogTails(List<NodeProcess> nodes) {
    for (NodeProcess n : nodes) {
      System.out.println("---- " + n.name + " ----\n" + n.logTail());
    }
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static int status(String url) {
    try {
      return get(url).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
