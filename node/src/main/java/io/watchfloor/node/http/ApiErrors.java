package io.watchfloor.node.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.slf4j.Logger;

/** Every failure of the API as JSON {@code {"error": "..."}} with the matching status. */
final class ApiErrors extends AllDirectives {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Logger log;

  ApiErrors(Logger log) {
    this.log = log;
  }

  static HttpResponse error(int status, String message) {
    String body;
    try {
      body = JSON.writeValueAsString(Map.of("error", message));
    } catch (Exception e) {
      body = "{\"error\":\"internal error\"}";
    }
    return HttpResponse.create()
        .withStatus(status)
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body));
  }

  ExceptionHandler exceptions() {
    return ExceptionHandler.newBuilder()
        .match(ApiError.class, e -> complete(error(e.status(), e.getMessage())))
        .matchAny(e -> {
          Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
          if (cause instanceof ApiError api) {
            return complete(error(api.status(), api.getMessage()));
          }
          if (cause instanceof java.util.concurrent.TimeoutException) {
            return complete(error(503, "timed out: " + cause.getMessage()));
          }
          log.warn("HTTP request failed", cause);
          return complete(error(500, "internal error: " + cause.getClass().getSimpleName()));
        })
        .build();
  }

  /** Pekko's own rejection messages, as JSON. */
  static RejectionHandler rejections() {
    return RejectionHandler.defaultHandler()
        .mapRejectionResponse(
            response -> {
              if (response.entity().getContentType().equals(ContentTypes.APPLICATION_JSON)) {
                return response;
              }
              String text =
                  response.entity() instanceof org.apache.pekko.http.javadsl.model.HttpEntity.Strict strict
                      ? strict.getData().utf8String()
                      : response.status().reason();
              return error(response.status().intValue(), text);
            });
  }
}
