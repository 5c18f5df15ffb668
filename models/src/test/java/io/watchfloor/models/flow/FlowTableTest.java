package io.watchfloor.models.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.protocol.app.AppProtocol;
import io.watchfloor.protocol.decode.PacketDecoder;
import io.watchfloor.protocol.flow.FlowRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FlowTableTest {
  static final int A = 0x0a000001;
  static final int B = 0x0a000002;
  static final long SECOND = 1_000_000_000L;
  static final int SYN = 2;
  static final int ACK = 16;
  static final int FIN = 1;
  static final int RST = 4;

  final List<FlowRecord> out = new ArrayList<>();
  final PacketDecoder decoder = new PacketDecoder();

  FlowTable table(FlowSettings settings) {
    return new FlowTable(settings, out::add);
  }

  static FlowSettings settings(int maxFlows, long activeNanos, boolean dedup) {
    FlowSettings d = CaptureFlows.DEFAULTS;
    return new FlowSettings(maxFlows, d.tcpIdleNanos(), d.udpIdleNanos(), d.icmpIdleNanos(),
        d.arpIdleNanos(), d.otherIdleNanos(), activeNanos, d.payloadPackets(), d.payloadBytes(), dedup,
        d.dedupWindowNanos());
  }

  void add(FlowTable t, ByteBuffer frame, long nanos) {
    t.add(decoder.decode(1, frame, 0, frame.limit(), frame.limit(), nanos), 0);
  }

  @Test
  void shouldJoinBothDirectionsAndNameTheSynSenderAsSource() {
    FlowTable t = table(CaptureFlows.DEFAULTS);
    add(t, Frames.tcp(B, 80, A, 40000, SYN | ACK, 1, 0), 2); // SYN missed: SYN+ACK first
    add(t, Frames.tcp(A, 40000, B, 80, ACK, 2, 100), 3);
    add(t, Frames.tcp(B, 80, A, 40000, FIN | ACK, 3, 0), 4);
    add(t, Frames.tcp(A, 40000, B, 80, FIN | ACK, 4, 0), 5);
    t.flushAll();

    assertThat(out).singleElement().satisfies(f -> {
      assertThat(f.sourceIp()).isEqualTo("10.0.0.1");
      assertThat(f.sourcePort()).isEqualTo(40000);
      assertThat(f.sourcePackets()).isEqualTo(2);
      assertThat(f.destinationPackets()).isEqualTo(2);
      assertThat(f.sourceBytes()).isEqualTo(2 * 54 + 100);
      assertThat(f.state()).isEqualTo("closed");
      assertThat(f.endReason()).isEqualTo("end");
      assertThat(f.startNanos()).isEqualTo(2);
      assertThat(f.endNanos()).isEqualTo(5);
    });
  }

  @Test
  void shouldTellRejectedFromAttemptedFromReset() {
    FlowTable t = table(CaptureFlows.DEFAULTS);
    add(t, Frames.tcp(A, 1, B, 22, SYN, 1, 0), 1);
    add(t, Frames.tcp(B, 22, A, 1, RST | ACK, 2, 0), 2);
    add(t, Frames.tcp(A, 2, B, 23, SYN, 3, 0), 3);
    add(t, Frames.tcp(A, 3, B, 24, SYN, 4, 0), 4);
    add(t, Frames.tcp(B, 24, A, 3, SYN | ACK, 5, 0), 5);
    add(t, Frames.tcp(A, 3, B, 24, RST, 6, 0), 6);
    t.flushAll();

    assertThat(out).extracting(FlowRecord::destinationPort, FlowRecord::state).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple(22, "rejected"),
        org.assertj.core.groups.Tuple.tuple(23, "attempted"),
        org.assertj.core.groups.Tuple.tuple(24, "reset"));
  }

  @Test
  void shouldStartANewRecordAfterTheIdleTimeoutWithTheNextSenderAsSource() {
    FlowTable t = table(CaptureFlows.DEFAULTS);
    add(t, Frames.udp(A, 5000, B, 53, 1, 10), 0);
    add(t, Frames.udp(B, 53, A, 5000, 2, 10), SECOND);
    add(t, Frames.udp(B, 53, A, 5000, 3, 10), 40 * SECOND); // UDP idle timeout 30 s
    t.flushAll();

    assertThat(out).hasSize(2);
    assertThat(out.get(0).endReason()).isEqualTo("idle");
    assertThat(out.get(0).packets()).isEqualTo(2);
    assertThat(out.get(1).sourcePort()).isEqualTo(53);
    assertThat(out.get(1).endReason()).isEqualTo("end");
  }

  @Test
  void shouldSplitALongFlowAtTheActiveTimeoutKeepingItsInitiator() {
    FlowTable t = table(settings(1000, 10 * SECOND, true));
    for (int s = 0; s < 25; s++) {
      add(t, Frames.tcp(A, 40000, B, 443, ACK, s, 10), s * SECOND);
      add(t, Frames.tcp(B, 443, A, 40000, ACK, 1000 + s, 10), s * SECOND + 1000);
    }
    t.flushAll();

    assertThat(out).extracting(FlowRecord::endReason).containsExactly("active", "active", "end");
    assertThat(out).allSatisfy(f -> assertThat(f.sourcePort()).isEqualTo(40000));
    assertThat(out.stream().mapToLong(FlowRecord::packets).sum()).isEqualTo(50);
  }

  @Test
  void shouldEvictWhenFullAndCountIt() {
    FlowTable t = table(settings(100, 3600 * SECOND, false));
    for (int port = 1; port <= 300; port++) {
      add(t, Frames.udp(A, port, B, 53, port, 0), port);
    }
    FlowStats stats = t.stats();
    t.flushAll();

    assertThat(stats.activeFlows()).isEqualTo(100);
    assertThat(stats.flowsEvicted()).isEqualTo(200);
    assertThat(out).hasSize(300);
    assertThat(out.stream().filter(f -> f.endReason().equals("evicted")).count()).isEqualTo(200);
  }

  @Test
  void shouldGrowWithoutLosingFlows() {
    FlowTable t = table(CaptureFlows.DEFAULTS);
    for (int i = 0; i < 20_000; i++) {
      add(t, Frames.udp(A + i, 1000 + i % 50, B, 53, i, 0), i);
      add(t, Frames.udp(B, 53, A + i, 1000 + i % 50, i, 0), i);
    }
    t.flushAll();

    assertThat(out).hasSize(20_000).allSatisfy(f -> assertThat(f.packets()).isEqualTo(2));
  }

  @Test
  void shouldDropACopyWithinTheDedupWindowOnly() {
    FlowTable t = table(CaptureFlows.DEFAULTS);
    add(t, Frames.tcp(A, 1, B, 2, ACK, 7, 10), 0);
    add(t, Frames.tcp(A, 1, B, 2, ACK, 7, 10), 1_000_000); // 1 ms later: the same packet again
    add(t, Frames.tcp(A, 1, B, 2, ACK, 7, 10), 50_000_000); // 50 ms later: a retransmission
    t.flushAll();

    assertThat(t.stats().duplicatesDropped()).isEqualTo(1);
    assertThat(out.get(0).packets()).isEqualTo(2);
  }

  @Test
  void shouldPutLaterFragmentsInTheFlowOfTheFirstAndCountOverlaps() {
    FlowTable t = table(CaptureFlows.DEFAULTS);
    byte[] udpHeaderAndData = Frames.transport(8, 32, b ->
        b.putShort((short) 5353).putShort((short) 53).putShort((short) 1000).putShort((short) 0));
    add(t, Frames.fragment(17, A, B, 99, 0, true, udpHeaderAndData), 1);
    add(t, Frames.fragment(17, A, B, 99, 40, true, new byte[40]), 2);
    add(t, Frames.fragment(17, A, B, 99, 64, false, new byte[40]), 3); // overlaps 64..80
    t.flushAll();

    assertThat(out).singleElement().satisfies(f -> {
      assertThat(f.sourcePort()).isEqualTo(5353);
      assertThat(f.packets()).isEqualTo(3);
    });
    assertThat(t.stats().overlappingFragments()).isEqualTo(1);
  }

  @Test
  void shouldInspectTheFirstPayloadPacketsWithinTheBudget() {
    List<Integer> shown = new ArrayList<>();
    FlowTable t = new FlowTable(CaptureFlows.DEFAULTS, out::add,
        (previous, buffer, offset, length, proto, sport, dport, fromInitiator) -> {
          shown.add(length);
          return new PayloadFinding(AppProtocol.HTTP, Map.of("http.request.method", "GET"));
        });
    for (int i = 0; i < 6; i++) {
      add(t, Frames.tcp(A, 1, B, 80, ACK, i, 1500), i);
    }
    add(t, Frames.tcp(A, 1, B, 80, ACK, 99, 0), 10);
    t.flushAll();

    assertThat(shown).containsExactly(1500, 1500, 1096); // 4 KiB budget
    assertThat(out.get(0).protocol()).isEqualTo("http");
    assertThat(out.get(0).metadata()).containsEntry("http.request.method", "GET");
  }

  @Test
  void shouldNeverThrowOnRandomOrTruncatedFrames() {
    Random random = new Random(7);
    FlowTable t = table(settings(64, 5 * SECOND, true));
    ByteBuffer real = Frames.tcp(A, 1, B, 2, SYN, 1, 20);
    for (int i = 0; i < 200_000; i++) {
      byte[] frame;
      if (i % 3 == 0) {
        frame = java.util.Arrays.copyOf(real.array(), random.nextInt(real.limit() + 1));
        if (frame.length > 0) {
          frame[random.nextInt(frame.length)] = (byte) random.nextInt();
        }
      } else {
        frame = new byte[random.nextInt(120)];
        random.nextBytes(frame);
        if (frame.length > 14) {
          frame[12] = (byte) (i % 4 == 0 ? 0x86 : i % 4 == 1 ? 0x08 : 0x81);
          frame[13] = (byte) (i % 4 == 0 ? 0xdd : i % 7 == 0 ? 0x06 : 0x00);
        }
      }
      ByteBuffer b = ByteBuffer.wrap(frame);
      int wire = frame.length + (i % 5 == 0 ? random.nextInt(100) : 0);
      t.add(decoder.decode(i % 11 == 0 ? 113 : 1, b, 0, frame.length, wire, i * 1_000_000L), 0);
    }
    t.flushAll();

    assertThat(t.stats().packets()).isEqualTo(200_000);
    assertThat(t.stats().activeFlows()).isZero();
  }
}
