package io.watchfloor.models.detect;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/**
 * The beaconing, lateral-movement and exfiltration blocks proposed for {@code
 * watchfloor.models.detectors}, exactly as handed to the lead, so the tests run the shipped defaults
 * through the detectors' own {@code fromConfig}.
 */
final class BeaconLateralExfilDefaults {
  static final Config DETECTORS =
      ConfigFactory.parseString(
          """
      beaconing {
        # Default on. Score RITA's beacon score per (peer, peer port, transport) a host connects to.
        enabled = on
        # Default 0.8. Beacon score (0..1, mean of interval skew, interval MAD, size skew, size MAD and
        # connection-count parts; 1 = perfectly regular) at which a pair alerts.
        threshold = 0.8
        # Default 4. Distinct connection start seconds a pair needs before it is scored (at least 3).
        min-connections = 4
        # Default 8. Distinct starts that give the full connection-count part (fewer: proportionally less).
        full-score-connections = 8
        # Default 30s (RITA). Interval dispersion (MAD) that scores 0; capped by the median interval, so
        # jitter as large as the period itself is never regular.
        interval-mad-cutoff = 30s
        # Default 2s. Pairs whose median interval is shorter are chatty services, not beacons.
        min-interval = 2s
        # Default 64. Connection starts remembered per pair; the oldest is dropped.
        max-connections-per-pair = 64
        # Default 256. Pairs remembered per host; the least recently active is evicted.
        max-pairs = 256
        # Default 1h. A pair that alerted stays quiet this long (capture time) before it may alert again.
        realert-after = 1h
        # Default [53, 123, 137, 138, 1900, 5353, 5355]. Peer ports never scored: periodic infrastructure
        # (DNS, NTP, NetBIOS, SSDP, mDNS, LLMNR). DNS C2 is dns_tunneling's job.
        ignored-ports = [53, 123, 137, 138, 1900, 5353, 5355]
      }
      lateral-movement {
        # Default on. Admin sessions (SMB, RPC/DCOM, RDP, SSH, WinRM) from an internal host to internal hosts.
        enabled = on
        # Default [22, 135, 139, 445, 3389, 5985, 5986]. Peer ports of administration protocols (TCP or UDP).
        admin-ports = [22, 135, 139, 445, 3389, 5985, 5986]
        # Default [smb, rdp, ssh]. Payload-recognised protocols (AppProtocol ids) that are administration
        # whatever the port.
        admin-protocols = [smb, rdp, ssh]
        # Default 4. Fan-out: distinct internal admin peers in one window at least this many above the
        # host's usual number (decaying mean of its previous windows).
        fan-out-above-usual = 4
        # Default 50KiB. First admin work: a host that never opened an admin session before moves at least
        # this much (out + in) to one internal peer over admin sessions in a window.
        first-session-bytes = 50KiB
        # Default 8. First admin work: ... or opens at least this many admin sessions to one peer
        # (password guessing).
        first-session-repeats = 8
        # Default 1. Windows a host must have been seen in before it can count as new to admin sessions
        # (its very first window has no history to judge against).
        min-history-windows = 1
        # Default 360 (an hour of 10 s windows). Horizon of the usual number of admin peers per window.
        history-windows = 360
      }
      exfiltration {
        # Default on. Outbound volume far above the host's usual, or bulk uploads to non-service ports.
        enabled = on
        # Default on. Private peers (RFC 1918, ULA, link-local, CGNAT) are inside the network and do not
        # count as external volume. Off: every unicast peer counts (for sites whose "inside" is not RFC 1918).
        treat-private-as-internal = on
        # Default 10MiB. External volume: absolute floor of bytes out to external peers in one window.
        min-external-bytes = 10MiB
        # Default 10. External volume: bytes out to external peers must also be this many times the
        # host's usual bytes out per window (warm baseline only; the usual counts all peers).
        baseline-factor = 10
        upload {
          # Default 256KiB. Upload to a non-service port: bytes out to one (peer, port) in one window,
          # internal or external peer.
          min-bytes = 256KiB
          # Default 5. ... and at least this many bytes out per byte that came back (downloads never qualify).
          min-ratio = 5
          # Default: web, mail, file transfer and sharing, directory, admin and VPN ports. Uploads to
          # these ports are ordinary and never make this trigger.
          service-ports = [20, 21, 22, 25, 53, 80, 88, 110, 135, 139, 143, 389, 443, 445, 465, 587, 636,
            853, 873, 989, 990, 993, 995, 1194, 2049, 3268, 3269, 3389, 5060, 5061, 5985, 5986, 8080, 8443]
        }
        # Default 1h. After an alert, the same (peer, port) upload, and the external-volume trigger,
        # stay quiet this long (capture time).
        realert-after = 1h
      }
          """);

  private BeaconLateralExfilDefaults() {}

  static HostDetector beaconing() {
    return BeaconingDetector.fromConfig(DETECTORS.getConfig("beaconing"));
  }

  static HostDetector lateralMovement() {
    return LateralMovementDetector.fromConfig(DETECTORS.getConfig("lateral-movement"));
  }

  static HostDetector exfiltration() {
    return ExfiltrationDetector.fromConfig(DETECTORS.getConfig("exfiltration"));
  }

  /** A block with some defaults replaced, e.g. {@code with("beaconing", "threshold = 0.9")}. */
  static Config with(String block, String overrides) {
    return ConfigFactory.parseString(overrides).withFallback(DETECTORS.getConfig(block));
  }
}
