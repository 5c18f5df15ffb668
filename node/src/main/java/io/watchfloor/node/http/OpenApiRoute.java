package io.watchfloor.node.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code GET /api/v1/openapi.json}: the OpenAPI 3 description of this API (a resource kept true by a test). */
public final class OpenApiRoute extends AllDirectives {
  public static final String RESOURCE = "/io/watchfloor/node/http/openapi.json";

  private final byte[] document;

  public OpenApiRoute() {
    try (InputStream in = OpenApiRoute.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      document = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Route route() {
    return path(PathMatchersCompat.segments("api", "v1", "openapi.json"), () -> get(() ->
        complete(HttpEntities.create(ContentTypes.APPLICATION_JSON, document))));
  }
}
