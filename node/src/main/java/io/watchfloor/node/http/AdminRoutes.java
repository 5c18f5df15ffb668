package io.watchfloor.node.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.watchfloor.models.intel.ThreatIntel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code POST /api/v1/admin/threat-intel/reload}: re-read the indicator files now, if they changed. */
public final class AdminRoutes extends AllDirectives {
  private static final ObjectMapper JSON =
      new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private final Optional<ThreatIntel> intel;

  public AdminRoutes(Optional<ThreatIntel> intel) {
    this.intel = intel;
  }

  public Route route() {
    return path(PathMatchersCompat.segments("api", "v1", "admin", "threat-intel", "reload"), () -> post(() -> {
      ThreatIntel t = intel.orElseThrow(() -> ApiError.notFound(
          "threat intelligence has no files configured (watchfloor.models.detectors.threat-intel.files)"));
      boolean reloaded = t.reloadIfChanged();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("reloaded", reloaded);
      body.put("indicators", t.status().indicators());
      body.put("loads", t.status().loads());
      body.put("problems", t.status().problems());
      return complete(StatusCodes.OK, body, Jackson.marshaller(JSON));
    }));
  }
}
