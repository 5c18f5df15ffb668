package io.watchfloor.protocol.alert;

import io.watchfloor.protocol.json.FlatJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public alert line: Elastic Common Schema field names, written flat with dotted keys as the
 * ECS logging libraries do, so Filebeat and Logstash ingest it as is.
 */
public final class EcsAlert {
  public static final String ECS_VERSION = "8.11.0";
  /** Evidence keys copied to the top level when present: the matched rule's id, text and version. */
  private static final List<String> RULE_DETAILS = List.of("rule.id", "rule.description", "rule.version");

  private EcsAlert() {}

  /** The alert as an ordered map of ECS field names to values. */
  public static Map<String, Object> fields(Anomaly a) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("@timestamp", Instant.ofEpochMilli(a.windowStartMillis()).toString());
    f.put("ecs.version", ECS_VERSION);
    f.put("event.kind", "alert");
    f.put("event.category", List.of("network", "intrusion_detection"));
    f.put("event.severity", a.severity().ecsNumber());
    f.put("event.start", Instant.ofEpochMilli(a.windowStartMillis()).toString());
    f.put("event.end", Instant.ofEpochMilli(a.windowEndMillis()).toString());
    f.put("event.created", Instant.ofEpochMilli(a.detectedAtMillis()).toString());
    f.put("rule.name", a.detector());
    f.put("rule.category", a.category());
    for (String rule : RULE_DETAILS) { // a detector that names a rule of its own (signatures) says which
      String value = a.explanation().evidence().get(rule);
      if (value != null) {
        f.put(rule, value);
      }
    }
    f.put("source.ip", a.sourceIp());
    if (a.destinationIp() != null) {
      f.put("destination.ip", a.destinationIp());
    }
    if (a.destinationPort() != null) {
      f.put("destination.port", a.destinationPort());
    }
    if (a.transport() != null) {
      f.put("network.transport", a.transport());
    }
    f.put("observer.type", "ids");
    f.put("watchfloor.anomaly_id", a.id());
    f.put("watchfloor.site", a.site());
    f.put("watchfloor.segment", a.segment());
    f.put("watchfloor.severity", a.severity().label());
    f.put("watchfloor.score", round(a.score()));
    f.put("watchfloor.explanation", explanation(a.explanation()));
    f.put("watchfloor.evidence", evidence(a));
    return f;
  }

  /** One JSON line, no trailing newline. */
  public static String toJsonLine(Anomaly a) {
    return FlatJson.write(fields(a));
  }

  private static Map<String, Object> explanation(Explanation e) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("summary", e.summary());
    List<Map<String, Object>> features = new ArrayList<>();
    for (FeatureDeviation d : e.features()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("feature", d.feature());
      m.put("observed", round(d.observed()));
      m.put("baseline_mean", round(d.baselineMean()));
      m.put("baseline_sd", round(d.baselineSd()));
      m.put("z", round(d.zScore()));
      features.add(m);
    }
    out.put("top_features", features);
    out.put("evidence", new java.util.TreeMap<>(e.evidence()));
    return out;
  }

  private static Map<String, Object> evidence(Anomaly a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("segment", a.segment());
    m.put("window_start", Instant.ofEpochMilli(a.windowStartMillis()).toString());
    m.put("window_end", Instant.ofEpochMilli(a.windowEndMillis()).toString());
    m.put("bpf", "host " + a.sourceIp());
    m.put("anomaly", "/api/v1/anomalies/" + a.id());
    m.put("pcap", "/api/v1/anomalies/" + a.id() + "/pcap");
    return m;
  }

  private static double round(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return 0;
    }
    return Math.round(v * 1000.0) / 1000.0;
  }
}
