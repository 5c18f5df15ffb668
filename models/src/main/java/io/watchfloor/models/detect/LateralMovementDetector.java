package io.watchfloor.models.detect;

import io.watchfloor.protocol.app.AppMetadata;
import io.watchfloor.protocol.app.smb.SmbTreeConnect;
import com.typesafe.config.Config;
import io.watchfloor.models.baseline.BaselineView;
import io.watchfloor.protocol.alert.Severity;
import io.watchfloor.protocol.host.FlowSummary;
import io.watchfloor.protocol.host.HostWindow;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.function.Supplier;

/**
 * An internal host opening administration sessions (SMB, RPC/DCOM, RDP, SSH, WinRM; by port or by
 * payload protocol) to other internal hosts, in one of two ways:
 * <ul>
 *   <li><b>fan-out</b>: distinct internal admin peers in a window at least {@code fanOutAboveUsual}
 *       above the host's usual number (PsExec or WMI pushed to many machines, a worm on 445);
 *   <li><b>first admin work</b>: a host never seen opening an admin session starts one that carries
 *       real work: at least {@code firstSessionBytes} to one peer over non-interactive sessions (SSH
 *       does not count here; SMB counts both ways on administrative shares — pushing a tool and
 *       pulling files from C$ are both lateral movement — nothing on ordinary file shares, and
 *       only writes when the share was not seen) or at least
 *       {@code firstSessionRepeats} sessions to one peer (password guessing). Needs
 *       {@code minHistoryWindows} earlier windows, so a host is not "new to admin" in its very first
 *       window.
 * </ul>
 *
 * <p>Keeps the host's admin history across windows (a decaying mean of admin peers per window and
 * whether it ever opened an admin session), so an instance belongs to one host: {@code
 * ModelSettings.newHostAnalyzer()} builds new detectors per host. Not thread-safe. Every window is
 * learned, the alerting ones too: the first-admin-work trigger fires once per host, and repeated
 * fan-out raises the usual only slowly ({@code historyWindows}). A host is new to admin sessions again
 * when it opened none within {@code adminMemory} of capture time (a sign-in months ago does not
 * vouch for today's PsExec). The history (four numbers) goes
 * into the host snapshot ({@link #history()}), so a host that woke from passivation or moved to
 * another node is not "new to admin" again.
 */
public final class LateralMovementDetector implements HostDetector {
  public static final String ID = "lateral_movement";
  private static final int MAX_LISTED_PEERS = 10;
  private static final double HIGH_SEVERITY_SCORE = 3;
  private static final String KEY = "watchfloor.models.detectors.lateral-movement.";
  private static final byte HISTORY_VERSION = 1;

  private final Set<Integer> adminPorts;
  private final Set<String> adminProtocols;
  private final int fanOutAboveUsual;
  private final long firstSessionBytes;
  private final int firstSessionRepeats;
  private final int minHistoryWindows;
  private final double historyWeight;

  private long windowsSeen;
  private double usualPeers;
  private long adminSessionsSeen;
  private long lastAdminMillis = Long.MIN_VALUE;
  private final long adminMemoryMillis;

  /**
   * @param adminPorts peer ports of administration protocols
   * @param adminProtocols payload protocol ids ({@code AppProtocol#id()}) that are administration
   * @param fanOutAboveUsual distinct admin peers above the usual that make a fan-out
   * @param firstSessionBytes bytes (out + in) to one peer that make a first admin session real work
   * @param firstSessionRepeats sessions to one peer that make first admin sessions real work
   * @param minHistoryWindows windows a host must have been seen in before it can be new to admin
   * @param historyWindows horizon of the usual number of admin peers (decaying mean)
   * @param adminMemory how long (capture time) an admin session keeps the host from being new to
   *     admin sessions
   */
  public LateralMovementDetector(
      Set<Integer> adminPorts,
      Set<String> adminProtocols,
      int fanOutAboveUsual,
      long firstSessionBytes,
      int firstSessionRepeats,
      int minHistoryWindows,
      int historyWindows,
      Duration adminMemory) {
    require(!adminMemory.isNegative() && !adminMemory.isZero(), "admin-memory must be positive, was " + adminMemory);
    this.adminMemoryMillis = adminMemory.toMillis();
    require(!adminPorts.isEmpty() || !adminProtocols.isEmpty(), "admin-ports and admin-protocols are both empty");
    require(fanOutAboveUsual >= 2, "fan-out-above-usual must be at least 2, was " + fanOutAboveUsual);
    require(firstSessionBytes >= 1, "first-session-bytes must be positive, was " + firstSessionBytes);
    require(firstSessionRepeats >= 2, "first-session-repeats must be at least 2, was " + firstSessionRepeats);
    require(minHistoryWindows >= 0, "min-history-windows must not be negative, was " + minHistoryWindows);
    require(historyWindows >= 1, "history-windows must be at least 1, was " + historyWindows);
    this.adminPorts = Set.copyOf(adminPorts);
    this.adminProtocols =
        adminProtocols.stream().map(p -> p.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    this.fanOutAboveUsual = fanOutAboveUsual;
    this.firstSessionBytes = firstSessionBytes;
    this.firstSessionRepeats = firstSessionRepeats;
    this.minHistoryWindows = minHistoryWindows;
    this.historyWeight = 1.0 / historyWindows;
  }

  /** A detector with the thresholds of {@code block}; see {@link #factory}. */
  public static HostDetector fromConfig(Config block) {
    return factory(block).get();
  }

  /**
   * Reads the thresholds of {@code block} once; every {@code get()} is a new detector
   * with them (each host keeps its own history).
   */
  public static Supplier<HostDetector> factory(Config block) {
    var adminPorts = Set.copyOf(block.getIntList("admin-ports"));
    var adminProtocols = Set.copyOf(block.getStringList("admin-protocols"));
    var fanOutAboveUsual = block.getInt("fan-out-above-usual");
    var firstSessionBytes = block.getBytes("first-session-bytes");
    var firstSessionRepeats = block.getInt("first-session-repeats");
    var minHistoryWindows = block.getInt("min-history-windows");
    var historyWindows = block.getInt("history-windows");
    var adminMemory = block.getDuration("admin-memory");
    return () -> new LateralMovementDetector(
        adminPorts, adminProtocols, fanOutAboveUsual, firstSessionBytes, firstSessionRepeats,
        minHistoryWindows, historyWindows, adminMemory);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Optional<Finding> inspect(HostWindow window, BaselineView baseline, double[] values) {
    if (AddressScope.of(window.host()) != AddressScope.INTERNAL) {
      return Optional.empty();
    }
    Map<String, PeerSessions> byPeer = new LinkedHashMap<>();
    for (FlowSummary f : window.flows()) {
      if (isAdmin(f) && !f.peer().equals(window.host()) && AddressScope.of(f.peer()) == AddressScope.INTERNAL) {
        byPeer.computeIfAbsent(f.peer(), PeerSessions::new).add(f, isInteractive(f));
      }
    }
    Optional<Finding> finding = judge(window, byPeer);
    learn(byPeer, window.windowStartMillis());
    return finding;
  }

  private Optional<Finding> judge(HostWindow window, Map<String, PeerSessions> byPeer) {
    if (byPeer.isEmpty()) {
      return Optional.empty();
    }
    int peers = byPeer.size();
    double fanOut = (peers - usualPeers) / fanOutAboveUsual;
    boolean newToAdmin = windowsSeen >= minHistoryWindows && !rememberedAdmin(window.windowStartMillis());
    PeerSessions top = byPeer.values().stream().max(Comparator.comparingLong(PeerSessions::workBytes)).orElseThrow();
    PeerSessions busiest = byPeer.values().stream().max(Comparator.comparingInt(p -> p.sessions)).orElseThrow();
    double work = newToAdmin ? top.workBytes() / (double) firstSessionBytes : 0;
    double repeats = newToAdmin ? busiest.sessions / (double) firstSessionRepeats : 0;
    if (fanOut < 1 && work < 1 && repeats < 1) {
      return Optional.empty();
    }
    List<String> triggers = new ArrayList<>(3);
    if (fanOut >= 1) {
      triggers.add("fan_out");
    }
    if (work >= 1) {
      triggers.add("first_admin_bytes");
    }
    if (repeats >= 1) {
      triggers.add("first_admin_repeated_sessions");
    }
    PeerSessions shown = fanOut >= 1 || work >= 1 ? top : busiest;
    double score = Math.max(fanOut, Math.max(work, repeats));
    return Optional.of(finding(window, byPeer, shown, triggers, score));
  }

  /**
   * Whether an admin session of this host lies within {@code adminMemory} of now, in either
   * direction: one further in the future belongs to a later capture (an older capture replayed
   * after it), not to this host's past.
   */
  private boolean rememberedAdmin(long nowMillis) {
    return adminSessionsSeen > 0 && lastAdminMillis != Long.MIN_VALUE
        && Math.abs(nowMillis - lastAdminMillis) <= adminMemoryMillis;
  }

  private void learn(Map<String, PeerSessions> byPeer, long nowMillis) {
    if (!byPeer.isEmpty()) {
      lastAdminMillis = nowMillis;
    }
    windowsSeen++;
    double weight = Math.max(historyWeight, 1.0 / windowsSeen);
    usualPeers += weight * (byPeer.size() - usualPeers);
    for (PeerSessions p : byPeer.values()) {
      adminSessionsSeen += p.sessions;
    }
  }

  /** Version 1: windows seen, usual admin peers per window, admin sessions seen, last admin window start. */
  @Override
  public byte[] history() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(33);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(HISTORY_VERSION);
      out.writeLong(windowsSeen);
      out.writeDouble(usualPeers);
      out.writeLong(adminSessionsSeen);
      out.writeLong(lastAdminMillis);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public void restoreHistory(byte[] bytes) {
    windowsSeen = 0;
    usualPeers = 0;
    adminSessionsSeen = 0;
    lastAdminMillis = Long.MIN_VALUE;
    if (bytes.length == 0 || bytes[0] != HISTORY_VERSION) {
      return;
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      in.readByte();
      long windows = in.readLong();
      double usual = in.readDouble();
      long sessions = in.readLong();
      long lastAdmin = in.readLong();
      if (windows >= 0 && sessions >= 0 && Double.isFinite(usual) && usual >= 0) {
        windowsSeen = windows;
        usualPeers = usual;
        adminSessionsSeen = sessions;
        lastAdminMillis = lastAdmin;
      }
    } catch (IOException e) {
      // truncated: start afresh, as with no history
    }
  }

  private boolean isAdmin(FlowSummary f) {
    if (!"tcp".equals(f.transport()) && !"udp".equals(f.transport())) {
      return false;
    }
    return adminPorts.contains(f.peerPort())
        || (f.protocol() != null && adminProtocols.contains(f.protocol().toLowerCase(Locale.ROOT)));
  }

  private Finding finding(
      HostWindow window, Map<String, PeerSessions> byPeer, PeerSessions shown, List<String> triggers, double score) {
    long bytesOut = 0;
    long bytesIn = 0;
    int sessions = 0;
    TreeSet<String> services = new TreeSet<>();
    for (PeerSessions p : byPeer.values()) {
      bytesOut += p.bytesOut;
      bytesIn += p.bytesIn;
      sessions += p.sessions;
      services.addAll(p.services);
    }
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("trigger", String.join(",", triggers));
    evidence.put("admin_peers", Integer.toString(byPeer.size()));
    evidence.put("usual_admin_peers", String.format("%.1f", usualPeers));
    evidence.put("peers", byPeer.keySet().stream().limit(MAX_LISTED_PEERS).collect(Collectors.joining(",")));
    evidence.put("services", String.join(",", services));
    evidence.put("sessions", Integer.toString(sessions));
    evidence.put("bytes_out", Long.toString(bytesOut));
    evidence.put("bytes_in", Long.toString(bytesIn));
    evidence.put("top_peer", shown.peer);
    evidence.put("top_peer_sessions", Integer.toString(shown.sessions));
    evidence.put("top_peer_bytes", Long.toString(shown.bytes()));
    evidence.put("prior_admin_sessions", Long.toString(adminSessionsSeen));
    String summary =
        String.format(
            "%s opened %d admin sessions (%s) to %d internal hosts (usually %.1f), moving %d bytes out and %d in; top peer %s: %d sessions, %d bytes [%s]",
            window.host(), sessions, String.join(",", services), byPeer.size(), usualPeers, bytesOut, bytesIn,
            shown.peer, shown.sessions, shown.bytes(), String.join(",", triggers));
    Severity severity = score >= HIGH_SEVERITY_SCORE || triggers.size() > 1 ? Severity.HIGH : Severity.MEDIUM;
    return new Finding(
        ID, "lateral_movement", severity, score, shown.peer, shown.firstPort, shown.firstTransport, summary, evidence);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(KEY + message);
    }
  }

  /** The admin sessions to one peer in one window. */
  private static final class PeerSessions {
    final String peer;
    final TreeSet<String> services = new TreeSet<>();
    int sessions;
    long bytesOut;
    long bytesIn;
    /** Bytes of the non-interactive sessions: what the first-session trigger weighs. */
    long workBytes;
    int firstPort = -1;
    String firstTransport;

    PeerSessions(String peer) {
      this.peer = peer;
    }

    void add(FlowSummary f, boolean interactive) {
      sessions++;
      bytesOut += f.bytesOut();
      bytesIn += f.bytesIn();
      if (!interactive) {
        workBytes += workBytesOf(f);
      }
      services.add(f.peerPort() + "/" + f.transport() + (f.protocol() == null ? "" : "/" + f.protocol()));
      if (firstPort < 0) {
        firstPort = f.peerPort();
        firstTransport = f.transport();
      }
    }

    long bytes() {
      return bytesOut + bytesIn;
    }

    long workBytes() {
      return workBytes;
    }
  }

  /**
   * Interactive shells (SSH) move data as a matter of course: a first SSH session of some size is a
   * developer at work, not a tool being pushed. SSH still counts for fan-out and for repeated
   * sessions (password guessing).
   */
  private static boolean isInteractive(FlowSummary f) {
    return "ssh".equals(f.protocol()) || (f.protocol() == null && f.peerPort() == SSH_PORT);
  }

  /**
   * What a non-interactive admin session moved that counts as work. SMB is also every
   * workstation's file share: a session to an administrative share (ADMIN$, C$, IPC$ — from its
   * TREE_CONNECT) counts both ways (pushing a tool, pulling files from C$); one to an ordinary
   * named share counts nothing; one whose share was not seen counts only what the host wrote.
   * RDP, RPC and WinRM count both ways.
   */
  private static long workBytesOf(FlowSummary f) {
    boolean smb = "smb".equals(f.protocol()) || (f.protocol() == null && (f.peerPort() == 445 || f.peerPort() == 139));
    if (!smb) {
      return f.bytesOut() + f.bytesIn();
    }
    String share = f.metadata().get(AppMetadata.SMB_SHARE);
    if (share == null) {
      return f.bytesOut();
    }
    return SmbTreeConnect.isAdministrative(share) ? f.bytesOut() + f.bytesIn() : 0;
  }

  private static final int SSH_PORT = 22;
}
