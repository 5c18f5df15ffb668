package io.watchfloor.loadtest.synth;

import io.watchfloor.loadtest.FrameBuilder;
import io.watchfloor.loadtest.PcapWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * A site's labeled traffic over simulated hours or days: {@link BenignHost} activity of every
 * workstation plus the {@link AttackPlan}'s attacks, written as one pcap in timestamp order with the
 * ground truth beside it.
 *
 * <p>Sessions are built whole when they start, and the sessions in progress are merged by timestamp
 * through a heap, so memory holds only those, never the capture. Every source draws from its own
 * generator split off the seed in a fixed order: the same parameters give a byte-identical pcap.
 */
public final class SynthTraffic {

  public static final long DEFAULT_SEED = 7L;
  public static final int DEFAULT_HOSTS = 200;
  public static final double DEFAULT_HOURS = 24;
  /**
   * A Monday, 07:00 UTC: a one-day run is a whole workday, then the night (with its off-hours
   * transfers, once every host has a working day of history), until Tuesday 07:00.
   */
  public static final Instant DEFAULT_START = Instant.parse("2026-11-02T07:00:00Z");
  private static final long MICROS = 1_000_000L;

  /** What to generate. */
  public record Parameters(int hosts, double hours, long seed, Instant start) {
    public Parameters {
      if (hours <= 0 || hours > 24 * 31) {
        throw new IllegalArgumentException("hours must be in (0, 744], found " + hours);
      }
      new Site(hosts); // validates the host count
    }
  }

  /** What {@link #write} wrote. */
  public record Summary(long packets, long bytes, int hosts, int attacks, long firstMicros,
      long lastMicros) {}

  private final Parameters parameters;

  public SynthTraffic(Parameters parameters) {
    this.parameters = parameters;
  }

  /**
   * Writes the capture to {@code pcap} and the ground truth to {@code truthTsv}.
   *
   * @param progress called with the packets written so far, every million packets
   */
  public Summary write(Path pcap, Path truthTsv, LongConsumer progress) throws IOException {
    return write(pcap, truthTsv, null, progress);
  }

  /**
   * As {@link #write(Path, Path, LongConsumer)}, and when {@code netflowPcap} is not null the same
   * flows as NetFlow v9 export datagrams ({@link NetflowV9Export}) into that file.
   */
  public Summary write(Path pcap, Path truthTsv, Path netflowPcap, LongConsumer progress)
      throws IOException {
    long start = parameters.start().getEpochSecond() * MICROS;
    long end = start + (long) (parameters.hours() * 3_600 * MICROS);
    SplittableRandom master = new SplittableRandom(parameters.seed());
    DataPool pool = new DataPool(master.nextLong());
    Site site = new Site(parameters.hosts());
    List<SessionSource> sources = new ArrayList<>();
    for (int i = 0; i < site.workstations(); i++) {
      sources.add(new BenignHost(site, i, master.split(), pool, start, end));
    }
    AttackPlan plan = new AttackPlan(site, pool, start, end, master.split());
    sources.addAll(plan.attacks());

    Summary summary;
    try (NetflowV9Export netflow =
        netflowPcap == null ? null : new NetflowV9Export(netflowPcap, start - 3_600 * MICROS)) {
      summary = merge(sources, pcap, netflow, progress, site.workstations(), plan.attacks().size());
    }
    List<TruthRow> truth = new ArrayList<>();
    for (Attack a : plan.attacks()) {
      truth.add(a.truth());
    }
    truth.sort(Comparator.comparing(TruthRow::start).thenComparing(TruthRow::attacker));
    TruthRow.write(truthTsv, truth);
    return summary;
  }

  private record Pending(SessionSource source, int id) {}

  private static Summary merge(List<SessionSource> sources, Path pcap, NetflowV9Export netflow,
      LongConsumer progress, int hosts, int attacks) throws IOException {
    PriorityQueue<Pending> starts = new PriorityQueue<>(
        Comparator.comparingLong((Pending p) -> p.source().nextStart()).thenComparingInt(Pending::id));
    for (int i = 0; i < sources.size(); i++) {
      if (sources.get(i).nextStart() != SessionSource.DONE) {
        starts.add(new Pending(sources.get(i), i));
      }
    }
    PriorityQueue<Session> active = new PriorityQueue<>();
    SessionPackets buffer = new SessionPackets();
    FrameBuilder frames = new FrameBuilder();
    long sessions = 0;
    long bytes = 0;
    long first = -1;
    long last = 0;
    try (PcapWriter writer = PcapWriter.create(pcap)) {
      while (!starts.isEmpty() || !active.isEmpty()) {
        if (!starts.isEmpty()
            && (active.isEmpty() || active.peek().nextTime() > starts.peek().source().nextStart())) {
          Pending p = starts.poll();
          p.source().emit(buffer);
          if (!buffer.isEmpty()) {
            Session s = new Session(buffer.drainSorted(), sessions++);
            active.add(s);
            if (netflow != null) {
              netflow.session(s.packets);
            }
          }
          if (p.source().nextStart() != SessionSource.DONE) {
            starts.add(p);
          }
          continue;
        }
        Session s = active.poll();
        SynthPacket packet = s.packets.get(s.next++);
        if (netflow != null) {
          netflow.advance(packet.tsMicros());
        }
        int length = packet.build(frames);
        writer.writePacket(packet.tsMicros(), frames.frame(), length);
        bytes += length;
        last = packet.tsMicros();
        if (first < 0) {
          first = last;
        }
        if (writer.packets() % 1_000_000 == 0) {
          progress.accept(writer.packets());
        }
        if (s.next < s.packets.size()) {
          active.add(s);
        }
      }
      return new Summary(writer.packets(), bytes, hosts, attacks, first, last);
    }
  }

  /** One session's packets in time order and the index of the next one to write. */
  private static final class Session implements Comparable<Session> {
    final List<SynthPacket> packets;
    final long id;
    int next;

    Session(List<SynthPacket> packets, long id) {
      this.packets = packets;
      this.id = id;
    }

    long nextTime() {
      return packets.get(next).tsMicros();
    }

    @Override
    public int compareTo(Session o) {
      int c = Long.compare(nextTime(), o.nextTime());
      return c != 0 ? c : Long.compare(id, o.id);
    }
  }
}
