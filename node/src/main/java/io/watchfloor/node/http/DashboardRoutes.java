package io.watchfloor.node.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The dashboard's static files: {@code GET /} (the page) and {@code GET /ui/{file}} (its scripts,
 * styles and the chart library unpacked from npm at build time). They hold no data, so they are
 * public; the page calls {@code /api/v1} with the token the user pastes. Only plain file names
 * with a known type are served, from one classpath folder.
 */
public final class DashboardRoutes extends AllDirectives {
  static final String FOLDER = "/io/watchfloor/node/http/ui/";
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
  private static final Map<String, ContentType> TYPES = Map.of(
      "html", MediaTypes.TEXT_HTML.toContentType(HttpCharsets.UTF_8),
      "js", MediaTypes.APPLICATION_JAVASCRIPT.toContentType(HttpCharsets.UTF_8),
      "css", MediaTypes.TEXT_CSS.toContentType(HttpCharsets.UTF_8),
      "txt", ContentTypes.TEXT_PLAIN_UTF8);

  public Route route() {
    return concat(
        pathSingleSlash(() -> get(() -> file("index.html"))),
        pathPrefix("ui", () -> path(PathMatchers.segment(), name -> get(() -> file(name)))));
  }

  private Route file(String name) {
    String extension = name.substring(name.lastIndexOf('.') + 1);
    ContentType type = TYPES.get(extension);
    if (!FILE_NAME.matcher(name).matches() || type == null) {
      throw ApiError.notFound("no dashboard file '" + name + "'");
    }
    byte[] bytes = read(name);
    // No-cache: a node upgrade must not leave a browser with old scripts against a new API.
    return respondWithHeader(RawHeader.create("Cache-Control", "no-cache"),
        () -> complete(HttpEntities.create(type, bytes)));
  }

  private static byte[] read(String name) {
    try (InputStream in = DashboardRoutes.class.getResourceAsStream(FOLDER + name)) {
      if (in == null) {
        throw ApiError.notFound("no dashboard file '" + name + "'");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
