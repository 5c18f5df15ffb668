package io.watchfloor.loadtest.synth;

import io.watchfloor.loadtest.Ipv4;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Who attacks whom and when. Attacks start after a warm-up (baselines need history), at uniformly
 * random times, {@link #perCategory} of each category (one per two simulated hours, at least one),
 * plus two off-hours transfers (one in bulk, one low and slow) at about 03:00 and 03:40 of every
 * night the run covers once hosts have {@link #OFF_HOURS_HISTORY_MICROS} of history (a host "normally
 * silent at night" needs a day to show it). Every attack has its own attacker while workstations last (then they are
 * reused), its own Internet peer from 198.18.0.0/15, and internal victims that attack nothing
 * themselves.
 */
final class AttackPlan {

  static final long WARM_UP_MICROS = 20 * 60 * 1_000_000L;
  static final long OFF_HOURS_HISTORY_MICROS = 12 * 3_600 * 1_000_000L;
  private static final long MICROS = 1_000_000L;
  private static final long HOUR = 3_600 * MICROS;
  private static final long DAY = 24 * HOUR;
  private static final int LATERAL_VICTIMS = 20;
  private static final int INFRA_FIRST = Ipv4.parse("198.18.0.1");

  private final List<Attack> attacks = new ArrayList<>();

  AttackPlan(Site site, DataPool pool, long startMicros, long endMicros, SplittableRandom r) {
    AttackKinds kinds = new AttackKinds(pool);
    double hours = (endMicros - startMicros) / (double) HOUR;
    int perCategory = perCategory(hours);
    List<Integer> attackers = new ArrayList<>();
    List<Integer> laptops = new ArrayList<>();
    List<Integer> victims = new ArrayList<>();
    for (int i = 0; i < site.workstations(); i++) {
      (site.isLaptop(i) ? laptops : attackers).add(site.workstation(i));
    }
    // Desktops attack by day and night; about a third of them, and a third of the laptops, are
    // kept out of every attack to serve as victims.
    victims.addAll(AttackKinds.sample(attackers, Math.max(2, attackers.size() / 3), r));
    attackers.removeAll(victims);
    List<Integer> offHoursVictims = AttackKinds.sample(laptops, Math.max(1, laptops.size() / 3), r);
    laptops.removeAll(offHoursVictims);
    victims.addAll(offHoursVictims);
    attackers = AttackKinds.sample(attackers, attackers.size(), r);
    laptops = AttackKinds.sample(laptops, laptops.size(), r);

    long from = startMicros + WARM_UP_MICROS;
    long beaconSpan = (AttackKinds.BEACONS + 2L) * AttackKinds.BEACON_PERIOD_SECONDS * MICROS;
    int infra = 0;
    int next = 0;
    for (int k = 0; k < perCategory; k++) {
      for (int category = 0; category < 8; category++) {
        long last = endMicros - (category == 3 ? beaconSpan : 10 * 60 * MICROS);
        long at = from + (last > from ? r.nextLong(last - from) : 0);
        int attacker = attackers.get(next++ % attackers.size());
        int peer = INFRA_FIRST + infra++;
        int victim = victims.get(r.nextInt(victims.size()));
        SplittableRandom ar = r.split();
        attacks.add(switch (category) {
          case 0 -> kinds.portScan(attacker, victim, at, ar);
          case 1 -> kinds.synFlood(peer, Site.INTRANET_WEB, at, ar);
          case 2 -> kinds.exfiltration(attacker, peer, at, ar);
          case 3 -> kinds.beaconing(attacker, peer, at, ar);
          case 4 -> kinds.lateralMovement(attacker,
              AttackKinds.sample(victims, Math.min(LATERAL_VICTIMS, victims.size()), ar), at, ar);
          case 5 -> kinds.dnsTunnel(attacker, peer, at, ar);
          case 6 -> kinds.protocolMismatch(attacker, peer, at, ar, k % 2 == 1);
          default -> kinds.malformed(attacker, victim, at, ar);
        });
      }
    }
    int offHours = 0;
    for (long day = Math.floorDiv(startMicros, DAY) * DAY; day < endMicros; day += DAY) {
      for (int i = 0; i < 2 && !laptops.isEmpty(); i++) {
        long at = day + 3 * HOUR + i * 40 * 60 * MICROS + r.nextLong(10 * 60 * MICROS);
        if (at >= startMicros + OFF_HOURS_HISTORY_MICROS && at < endMicros - 10 * 60 * MICROS) {
          attacks.add(kinds.offHours(laptops.get(offHours++ % laptops.size()),
              INFRA_FIRST + infra++, at, r.split(), i == 0));
        }
      }
    }
  }

  static int perCategory(double hours) {
    return Math.max(1, (int) Math.round(hours / 2));
  }

  List<Attack> attacks() {
    return List.copyOf(attacks);
  }
}
