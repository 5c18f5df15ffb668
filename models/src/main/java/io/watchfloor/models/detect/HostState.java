package io.watchfloor.models.detect;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The byte layout of a host snapshot: a magic number, a version, then length-prefixed sections
 * (baseline, contact memory, neural scorer, analyst feedback; later sections may be missing in
 * older snapshots and then start empty). Snapshots of builds before this layout were a bare baseline; they
 * are recognised by the missing magic number and restored with an empty contact memory.
 */
record HostState(byte[] baseline, byte[] contacts, byte[] neural, byte[] feedback) {
  private static final int MAGIC = 0x57464853; // "WFHS"
  private static final int VERSION = 1;

  static byte[] write(byte[] baseline, byte[] contacts, byte[] neural, byte[] feedback) {
    ByteArrayOutputStream bytes =
        new ByteArrayOutputStream(24 + baseline.length + contacts.length + neural.length + feedback.length);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      writeSection(out, baseline);
      writeSection(out, contacts);
      writeSection(out, neural);
      writeSection(out, feedback);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static HostState read(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      if (data.length < 8 || in.readInt() != MAGIC) {
        return new HostState(data, new byte[0], new byte[0], new byte[0]);
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
      return new HostState(baseline, contacts, neural, feedback);
    } catch (IOException e) {
      throw new IllegalArgumentException("host snapshot is truncated", e);
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
