package io.watchfloor.protocol.app.smb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The share an SMB2/3 TREE_CONNECT request names ({@code \\server\ADMIN$} → {@code ADMIN$}), from
 * the payload of one TCP segment: optionally a 4-byte NetBIOS session header, the 64-byte SMB2
 * header ({@code FE 'S' 'M' 'B'}, command 3), then the request (structure size 9, path offset and
 * length, path in UTF-16LE). Anything else, truncated or odd, is empty; never throws.
 */
public final class SmbTreeConnect {
  private static final int SMB2_HEADER = 64;
  private static final int TREE_CONNECT = 3;
  private static final int MAX_PATH_BYTES = 1024;

  private SmbTreeConnect() {}

  /** The share name, upper-cased, of a TREE_CONNECT request in the buffer slice. */
  public static Optional<String> share(ByteBuffer buf, int offset, int length) {
    int end = offset + length;
    int h = offset;
    if (length >= 4 && (buf.get(h) & 0xFF) == 0 && !isSmb2(buf, h, end)) {
      h += 4; // NetBIOS session service header (direct TCP on 445 or 139)
    }
    if (!isSmb2(buf, h, end) || h + SMB2_HEADER + 8 > end) {
      return Optional.empty();
    }
    int command = u16(buf, h + 12);
    boolean response = (buf.get(h + 16) & 0x01) != 0; // Flags: SMB2_FLAGS_SERVER_TO_REDIR
    if (command != TREE_CONNECT || response) {
      return Optional.empty();
    }
    int body = h + SMB2_HEADER;
    if (u16(buf, body) != 9) {
      return Optional.empty();
    }
    int pathOffset = u16(buf, body + 4);
    int pathLength = u16(buf, body + 6);
    int path = h + pathOffset;
    if (pathLength <= 0 || pathLength > MAX_PATH_BYTES || (pathLength & 1) != 0 || path < body + 8
        || path + pathLength > end) {
      return Optional.empty();
    }
    byte[] bytes = new byte[pathLength];
    buf.get(path, bytes, 0, pathLength);
    String unc = new String(bytes, StandardCharsets.UTF_16LE);
    int slash = unc.lastIndexOf('\\');
    String share = (slash < 0 ? unc : unc.substring(slash + 1)).strip();
    if (share.isEmpty() || share.chars().anyMatch(c -> c < 0x20)) {
      return Optional.empty();
    }
    return Optional.of(share.toUpperCase(Locale.ROOT));
  }

  /**
   * Whether a share is an administrative one: {@code ADMIN$}, a drive share ({@code C$}) or {@code
   * IPC$} (named pipes: the service control manager, remote registry, DCOM).
   */
  public static boolean isAdministrative(String share) {
    return share.equals("ADMIN$") || share.equals("IPC$") || share.matches("[A-Z]\\$");
  }

  private static boolean isSmb2(ByteBuffer buf, int at, int end) {
    return at + 4 <= end && (buf.get(at) & 0xFF) == 0xFE && buf.get(at + 1) == 'S' && buf.get(at + 2) == 'M'
        && buf.get(at + 3) == 'B';
  }

  private static int u16(ByteBuffer buf, int at) {
    return (buf.get(at) & 0xFF) | (buf.get(at + 1) & 0xFF) << 8;
  }
}
