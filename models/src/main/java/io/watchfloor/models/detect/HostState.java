package io.watchfloor.models.detect;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The byte layout of a host snapshot: a magic number, a version, then length-prefixed sections
 * (baseline, contact memory, neural scorer, analyst feedback, detector histories). The layout only
 * ever grows at the end: sections missing in older snapshots start empty, and older builds read the
 * sections they know and ignore the rest, so version 1 still describes it. The detector-history
 * section is a count, then per detector its id and its own versioned bytes ({@link
 * HostDetector#history()}). Snapshots of builds before this layout were a bare baseline; they are
 * recognised by the missing magic number and restored with an empty contact memory.
 */
record HostState(byte[] baseline, byte[] contacts, byte[] neural, byte[] feedback, Map<String, byte[]> detectors) {
  private static final int MAGIC = 0x57464853; // "WFHS"
  private static final int VERSION = 1;

  HostState {
    detectors = Map.copyOf(detectors);
  }

  static byte[] write(
      byte[] baseline, byte[] contacts, byte[] neural, byte[] feedback, Map<String, byte[]> detectors) {
    ByteArrayOutputStream bytes =
        new ByteArrayOutputStream(32 + baseline.length + contacts.length + neural.length + feedback.length);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      writeSection(out, baseline);
      writeSection(out, contacts);
      writeSection(out, neural);
      writeSection(out, feedback);
      writeSection(out, detectorSection(detectors));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static HostState read(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      if (data.length < 8 || in.readInt() != MAGIC) {
        return new HostState(data, new byte[0], new byte[0], new byte[0], Map.of());
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new IllegalArgumentException(
            "host snapshot has version " + version + ", expected " + VERSION);
      }
      byte[] baseline = readSection(in);
      byte[] contacts = readSection(in);
      byte[] neural = in.available() > 0 ? readSection(in) : new byte[0];
      byte[] feedback = in.available() > 0 ? readSection(in) : new byte[0];
      Map<String, byte[]> detectors = in.available() > 0 ? detectorsOrNone(in) : Map.of();
      return new HostState(baseline, contacts, neural, feedback, detectors);
    } catch (IOException e) {
      throw new IllegalArgumentException("host snapshot is truncated", e);
    }
  }

  private static byte[] detectorSection(Map<String, byte[]> detectors) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(detectors.size());
      for (Map.Entry<String, byte[]> e : detectors.entrySet()) {
        out.writeUTF(e.getKey());
        writeSection(out, e.getValue());
      }
    }
    return bytes.toByteArray();
  }

  /**
   * The detector histories, or none when their section is damaged: the detectors start afresh, and
   * the baseline, contacts, scorer and feedback before it are kept.
   */
  private static Map<String, byte[]> detectorsOrNone(DataInputStream in) {
    try {
      return detectors(readSection(in));
    } catch (IOException | IllegalArgumentException damaged) {
      return Map.of();
    }
  }

  private static Map<String, byte[]> detectors(byte[] section) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(section))) {
      int n = in.readInt();
      if (n < 0 || n > section.length) {
        throw new IllegalArgumentException("host snapshot claims " + n + " detector histories");
      }
      Map<String, byte[]> out = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        out.put(in.readUTF(), readSection(in));
      }
      return out;
    }
  }

  private static void writeSection(DataOutputStream out, byte[] section) throws IOException {
    out.writeInt(section.length);
    out.write(section);
  }

  private static byte[] readSection(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available()) {
      throw new IllegalArgumentException("host snapshot section of " + n + " bytes does not fit");
    }
    return in.readNBytes(n);
  }
}
