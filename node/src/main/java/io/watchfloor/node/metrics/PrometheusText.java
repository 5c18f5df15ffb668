package io.watchfloor.node.metrics;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the Prometheus text exposition format 0.0.4: one {@code # HELP} and {@code # TYPE} line
 * per family, then its samples; label values escaped as the format requires. Families must be
 * written one after another (all samples of a family together).
 */
public final class PrometheusText {
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final StringBuilder out = new StringBuilder(4096);
  private String family;

  /** Starts a family; {@code type} is counter, gauge, summary or histogram. */
  public PrometheusText family(String name, String type, String help) {
    if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
      throw new IllegalArgumentException("not a metric name: " + name);
    }
    family = name;
    out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    return this;
  }

  /** A sample of the current family (or of a suffixed series such as {@code _sum}). */
  public PrometheusText sample(String suffix, Map<String, String> labels, double value) {
    if (family == null) {
      throw new IllegalStateException("sample before family");
    }
    out.append(family).append(suffix);
    if (!labels.isEmpty()) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, String> l : labels.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        out.append(l.getKey()).append("=\"").append(escape(l.getValue())).append('"');
      }
      out.append('}');
    }
    out.append(' ').append(format(value)).append('\n');
    return this;
  }

  public PrometheusText sample(Map<String, String> labels, double value) {
    return sample("", labels, value);
  }

  public PrometheusText sample(double value) {
    return sample("", Map.of(), value);
  }

  /** One label, for the common case. */
  public static Map<String, String> label(String name, String value) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(name, value);
    return m;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  private static String escape(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String format(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.6g", v);
  }
}
