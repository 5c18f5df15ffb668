package io.watchfloor.protocol.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;

/**
 * Writes the public JSON lines (ECS alerts and flows) with Jackson's streaming generator: the
 * values are plain strings, numbers, booleans, lists and maps, so no object mapper (and none of its
 * start-up and per-call cost) is needed.
 */
public final class FlatJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private FlatJson() {}

  /** One JSON object, no trailing newline. */
  public static String write(Map<String, ?> fields) {
    StringWriter out = new StringWriter(512);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      value(g, fields);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write JSON", e);
    }
    return out.toString();
  }

  private static void value(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Integer i) {
      g.writeNumber(i);
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof Double d) {
      g.writeNumber(d);
    } else if (v instanceof Number n) {
      g.writeNumber(n.toString());
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        value(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof Collection<?> c) {
      g.writeStartArray();
      for (Object o : c) {
        value(g, o);
      }
      g.writeEndArray();
    } else {
      g.writeString(v.toString());
    }
  }
}
