package io.watchfloor.loadtest;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.RawPacketListener;

/**
 * Live capture receiver for ops/bench-live: {@code BenchLive IFACE [--buffer-mib M]
 * [--idle-ms I] [--max-seconds S]} opens IFACE through pcap4j's raw path ({@code PcapHandle},
 * {@code loop(-1, RawPacketListener)}, kernel buffer M MiB, immediate mode off), prints
 * {@code ready}, counts packets until none arrived for I ms after the first one (or S seconds
 * passed), then prints one line of {@code key=value}: packets received by the listener, their
 * rate between the first and the last packet, the CPU time of the capture loop thread per packet
 * (user + system, including the kernel's poll; its inverse is what one core could take), and
 * libpcap's statistics ({@code ps_recv},
 * {@code ps_drop}: dropped by the kernel for lack of buffer room, {@code ps_ifdrop}).
 * With {@code --hold-ms H} the loop starts H ms after {@code ready}: what the sender sent meanwhile
 * waits in the kernel ring and is then drained as fast as the receiver goes, which measures the
 * receiver alone (the sender no longer competes for the cores); valid while ps_drop stays 0.
 * Exit status 0, 1 when the capture fails, 2 on bad arguments. Needs root (or CAP_NET_RAW).
 */
public final class BenchLive {

  private static final String USAGE =
      "usage: BenchLive IFACE [--buffer-mib M] [--idle-ms I] [--max-seconds S] [--hold-ms H]";

  private volatile long packets;
  private long bytes;
  private volatile long firstNanos;

  private BenchLive() {}

  public static void main(String[] args) throws Exception {
    String iface = null;
    int bufferMib = 256;
    long idleMs = 1_500;
    long maxSeconds = 120;
    long holdMs = 0;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--buffer-mib" -> bufferMib = Integer.parseInt(args[++i]);
          case "--idle-ms" -> idleMs = Long.parseLong(args[++i]);
          case "--max-seconds" -> maxSeconds = Long.parseLong(args[++i]);
          case "--hold-ms" -> holdMs = Long.parseLong(args[++i]);
          default -> {
            if (iface != null || args[i].startsWith("-")) {
              throw new IllegalArgumentException(args[i]);
            }
            iface = args[i];
          }
        }
      }
    } catch (RuntimeException e) {
      iface = null;
    }
    if (iface == null || bufferMib < 1 || idleMs < 1 || maxSeconds < 1 || holdMs < 0) {
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    try {
      System.out.println(new BenchLive().run(iface, bufferMib, idleMs, maxSeconds, holdMs));
    } catch (PcapNativeException | NotOpenException e) {
      System.err.println("BenchLive: capture on " + iface + " failed: " + e);
      System.exit(1);
    }
  }

  private String run(String iface, int bufferMib, long idleMs, long maxSeconds, long holdMs)
      throws PcapNativeException, NotOpenException, InterruptedException {
    PcapHandle handle = new PcapHandle.Builder(iface)
        .snaplen(65_536)
        .promiscuousMode(PromiscuousMode.PROMISCUOUS)
        .timeoutMillis(100)
        .bufferSize(bufferMib << 20)
        .immediateMode(false)
        .build();
    try {
      RawPacketListener listener = packet -> {
        if (firstNanos == 0) {
          firstNanos = System.nanoTime();
        }
        bytes += packet.length;
        packets = packets + 1; // single writer: the loop thread
      };
      long[] lastChange = new long[1];
      Thread watchdog = new Thread(() -> watch(handle, idleMs, maxSeconds, lastChange),
          "bench-live-watchdog");
      watchdog.setDaemon(true);
      watchdog.start();
      System.out.println("ready");
      System.out.flush();
      if (holdMs > 0) {
        Thread.sleep(holdMs); // the kernel ring fills; the loop then drains it flat out
      }
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long cpuBefore = threads.getCurrentThreadCpuTime();
      try {
        handle.loop(-1, listener);
      } catch (InterruptedException e) {
        // breakLoop(): the watchdog saw the traffic stop
      }
      long loopCpu = threads.getCurrentThreadCpuTime() - cpuBefore;
      watchdog.join(TimeUnit.SECONDS.toMillis(2));
      PcapStat stats = handle.getStats();
      double seconds = packets > 1 && lastChange[0] > firstNanos
          ? (lastChange[0] - firstNanos) / 1e9 : 0;
      return String.format(Locale.ROOT,
          "received=%d bytes=%d seconds=%.3f pps=%.0f loop_cpu_ns_per_packet=%.0f"
              + " ps_recv=%d ps_drop=%d ps_ifdrop=%d",
          packets, bytes, seconds, seconds > 0 ? packets / seconds : 0.0,
          packets > 0 ? (double) loopCpu / packets : 0.0,
          stats.getNumPacketsReceived(), stats.getNumPacketsDropped(),
          stats.getNumPacketsDroppedByIf());
    } finally {
      handle.close();
    }
  }

  /** Breaks the loop once packets stopped arriving for idleMs, or after maxSeconds. */
  private void watch(PcapHandle handle, long idleMs, long maxSeconds, long[] lastChange) {
    long start = System.nanoTime();
    long seen = 0;
    long changedAt = start;
    try {
      while (true) {
        Thread.sleep(5);
        long now = System.nanoTime();
        long count = packets;
        if (count != seen) {
          seen = count;
          changedAt = now;
          lastChange[0] = now;
        }
        boolean idle = count > 0 && now - changedAt > TimeUnit.MILLISECONDS.toNanos(idleMs);
        if (idle || now - start > TimeUnit.SECONDS.toNanos(maxSeconds)) {
          handle.breakLoop();
          return;
        }
      }
    } catch (InterruptedException | NotOpenException e) {
      Thread.currentThread().interrupt();
    }
  }
}
