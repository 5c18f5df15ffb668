package io.watchfloor.models.flow;

import com.typesafe.config.ConfigFactory;
import io.watchfloor.protocol.decode.PacketDecoder;
import io.watchfloor.protocol.flow.FlowRecord;
import io.watchfloor.protocol.pcap.CaptureFileReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One shared capture run through a FlowTable with the default settings. */
record CaptureFlows(List<FlowRecord> records, Set<String> orientedKeys, FlowStats stats) {

  static final FlowSettings DEFAULTS =
      FlowSettings.create(ConfigFactory.defaultReference().getConfig("watchfloor.models"));

  static Path dir() {
    return Path.of(System.getProperty("user.dir")).resolve("../../shared/data/pcaps").normalize();
  }

  static CaptureFlows of(String file) {
    return of(file, DEFAULTS);
  }

  static CaptureFlows of(String file, FlowSettings settings) {
    List<FlowRecord> records = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>();
    FlowTable[] table = new FlowTable[1];
    table[0] = new FlowTable(settings, r -> {
      records.add(r);
      keys.add(r.transport() + "|" + table[0].exportingKey());
    });
    PacketDecoder decoder = new PacketDecoder();
    try (CaptureFileReader reader = CaptureFileReader.open(dir().resolve(file))) {
      while (reader.next()) {
        table[0].add(decoder.decode(reader.linkType(), reader.buffer(), reader.offset(),
            reader.capturedLength(), reader.originalLength(), reader.timestampNanos()), reader.offset());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    table[0].flushAll();
    return new CaptureFlows(records, keys, table[0].stats());
  }
}
