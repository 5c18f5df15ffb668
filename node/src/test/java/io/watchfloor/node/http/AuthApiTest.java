package io.watchfloor.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.node.WatchfloorNode;
import io.watchfloor.node.http.auth.Endpoint;
import io.watchfloor.node.http.auth.Role;
import io.watchfloor.node.http.auth.RouteCatalog;
import io.watchfloor.node.http.auth.Tokens;
import io.watchfloor.node.testing.SharedCassandra;
import io.watchfloor.node.testing.TestNodes;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authentication and authorisation over real HTTP, for every operation of the route catalogue:
 * no token → 401, a token one role too weak → 403, the right role → not refused; the catalogue and
 * the served OpenAPI document describe the same operations, and each of them is really routed.
 */
@ExtendWith(SharedCassandra.class)
class AuthApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Map<Role, String> TOKENS = Map.of(
      Role.VIEWER, Tokens.newToken(), Role.ANALYST, Tokens.newToken(), Role.ADMIN, Tokens.newToken());
  private static final String SAMPLE_ID = "00000000-0000-0000-0000-000000000000";

  @TempDir static Path dir;
  static WatchfloorNode node;

  @BeforeAll
  static void start() {
    StringBuilder tokens = new StringBuilder("watchfloor.http.auth { enabled = on, audit-log = \"")
        .append(dir.resolve("audit.log")).append("\", tokens = [");
    TOKENS.forEach((role, token) -> tokens.append("{ name = \"").append(role.id()).append("-user\", role = ")
        .append(role.id()).append(", sha256 = \"").append(Tokens.sha256(token)).append("\" },"));
    tokens.append("] }\n");
    node = TestNodes.start(TestNodes.config(SharedCassandra.freshKeyspace("auth"), tokens.toString()));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void shouldRefuseEveryProtectedOperationWithoutAValidToken() throws Exception {
    for (Endpoint e : RouteCatalog.ENDPOINTS) {
      if (e.role() == Role.PUBLIC) {
        assertThat(send(e, null).statusCode()).as(e.toString()).isNotIn(401, 403);
        continue;
      }
      HttpResponse<String> none = send(e, null);
      HttpResponse<String> wrong = send(e, "wf_not-a-token");

      assertThat(none.statusCode()).as(e.toString()).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate")).as(e.toString()).hasValue("Bearer realm=\"watchfloor\"");
      assertThat(JSON.readTree(none.body()).path("error").asText()).as(e.toString()).contains("bearer token");
      assertThat(wrong.statusCode()).as(e.toString()).isEqualTo(401);
    }
  }

  @Test
  void shouldRefuseARoleTooWeakAndAcceptTheRoleNeeded() throws Exception {
    for (Endpoint e : RouteCatalog.ENDPOINTS) {
      if (e.role() == Role.PUBLIC) {
        continue;
      }
      if (e.role() != Role.VIEWER) {
        Role weaker = Role.values()[e.role().ordinal() - 1];
        HttpResponse<String> refused = send(e, TOKENS.get(weaker));
        assertThat(refused.statusCode()).as(e + " with " + weaker).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).path("error").asText()).contains("needs " + e.role().id());
      }
      assertThat(send(e, TOKENS.get(e.role())).statusCode()).as(e.toString()).isNotIn(401, 403);
    }
  }

  @Test
  void shouldRouteEveryCatalogueOperationAndNothingElse() throws Exception {
    for (Endpoint e : RouteCatalog.ENDPOINTS) {
      HttpResponse<String> r = send(e, TOKENS.get(Role.ADMIN));
      if (r.statusCode() == 404) {
        assertThat(JSON.readTree(r.body()).path("error").asText()).as(e.toString()).doesNotContain("no such endpoint");
      }
      assertThat(r.statusCode()).as(e.toString()).isNotIn(405, 500);
    }
    HttpResponse<String> unknown = get("/api/v1/nothing-here", TOKENS.get(Role.ADMIN));
    HttpResponse<String> wrongMethod = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/hosts"))
        .DELETE().header("Authorization", "Bearer " + TOKENS.get(Role.ADMIN)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
  }

  @Test
  void shouldDescribeExactlyTheCatalogueInTheOpenApiDocument() throws Exception {
    JsonNode served = JSON.readTree(get("/api/v1/openapi.json", TOKENS.get(Role.VIEWER)).body());
    JsonNode resource;
    try (InputStream in = OpenApiRoute.class.getResourceAsStream(OpenApiRoute.RESOURCE)) {
      resource = JSON.readTree(in);
    }
    assertThat(served).isEqualTo(resource);
    assertThat(served.path("openapi").asText()).startsWith("3.");

    Set<String> documented = new HashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = served.path("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> p = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        documented.add(op.getKey().toUpperCase() + " " + p.getKey() + " " + op.getValue().path("x-watchfloor-role").asText());
      }
    }
    Set<String> catalogue = new HashSet<>();
    for (Endpoint e : RouteCatalog.ENDPOINTS) {
      catalogue.add(e.method() + " " + e.template() + " " + e.role().id());
    }
    assertThat(documented).isEqualTo(catalogue);
  }

  @Test
  void shouldAcceptTheTokenAsAQueryParameterForEventStreams() throws Exception {
    HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/hosts?access_token=" + TOKENS.get(Role.VIEWER)))
        .build(), HttpResponse.BodyHandlers.ofString());

    assertThat(health.statusCode()).isEqualTo(200);
  }

  @Test
  void shouldAuditChangesAndPacketDownloadsWithTheTokensName() throws Exception {
    send(new Endpoint("POST", "/api/v1/admin/threat-intel/reload", Role.ADMIN), TOKENS.get(Role.ADMIN));
    get("/api/v1/anomalies/" + SAMPLE_ID + "/pcap", TOKENS.get(Role.ANALYST));
    get("/api/v1/hosts", TOKENS.get(Role.VIEWER));

    List<JsonNode> lines = new ArrayList<>();
    for (String l : Files.readAllLines(dir.resolve("audit.log"))) {
      lines.add(JSON.readTree(l));
    }
    assertThat(lines).anySatisfy(l -> {
      assertThat(l.path("user.name").asText()).isEqualTo("admin-user");
      assertThat(l.path("http.request.method").asText()).isEqualTo("POST");
      assertThat(l.path("url.path").asText()).isEqualTo("/api/v1/admin/threat-intel/reload");
      assertThat(l.path("http.response.status_code").asInt()).isEqualTo(404); // no intel files here
    });
    assertThat(lines).anySatisfy(l -> assertThat(l.path("user.name").asText()).isEqualTo("analyst-user"));
    assertThat(lines).noneSatisfy(l -> assertThat(l.path("url.path").asText()).isEqualTo("/api/v1/hosts"));
  }

  private static HttpResponse<String> send(Endpoint e, String token) throws Exception {
    String path = e.template().replace("{ip}", "10.0.0.1").replace("{id}", SAMPLE_ID)
        .replace("{file}", "app.js");
    if (path.endsWith("/stream")) {
      path += "?host=not-an-ip"; // a 400 answer instead of an endless stream
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
        .method(e.method(), HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path, String token) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://" + node.httpAddress() + path);
  }
}
