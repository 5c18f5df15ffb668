package io.watchfloor.loadtest;

import io.watchfloor.protocol.decode.TcpFlags;

/**
 * One well-formed TCP connection between a client and a server: handshake, data in either
 * direction cut at the MSS, acknowledgements and a FIN/ACK close, with consistent seq/ack numbers.
 * Each step takes the time it starts and returns the time its last packet was sent.
 */
final class TcpConversation {

  private final PacketSchedule schedule;
  private final int client;
  private final int clientPort;
  private final int server;
  private final int serverPort;
  /** One-way latency between the two ends. */
  private final long halfRttMicros;
  /** Spacing of back-to-back segments of one send. */
  private final long segmentGapMicros;
  private long clientSeq;
  private long serverSeq;

  TcpConversation(PacketSchedule schedule, int client, int clientPort, int server, int serverPort,
      long clientIsn, long serverIsn, long halfRttMicros, long segmentGapMicros) {
    this.schedule = schedule;
    this.client = client;
    this.clientPort = clientPort;
    this.server = server;
    this.serverPort = serverPort;
    this.clientSeq = clientIsn;
    this.serverSeq = serverIsn;
    this.halfRttMicros = halfRttMicros;
    this.segmentGapMicros = segmentGapMicros;
  }

  /** SYN, SYN-ACK, ACK, seen at the capture point next to the client. */
  long handshake(long t) {
    schedule.tcp(t, client, clientPort, server, serverPort, clientSeq, 0, TcpFlags.SYN);
    clientSeq++;
    long synAck = t + 2 * halfRttMicros;
    schedule.tcp(synAck, server, serverPort, client, clientPort, serverSeq, clientSeq,
        TcpFlags.SYN | TcpFlags.ACK);
    serverSeq++;
    long ack = synAck + 40;
    schedule.tcp(ack, client, clientPort, server, serverPort, clientSeq, serverSeq, TcpFlags.ACK);
    return ack;
  }

  /** The client sends {@code data}; returns the time of its last segment. */
  long clientSends(long t, byte[] data) {
    long end = send(t, client, clientPort, server, serverPort, clientSeq, serverSeq, data);
    clientSeq += data.length;
    return end;
  }

  /** The server sends {@code data}, its first segment arriving {@code thinkMicros} after t. */
  long serverSends(long t, long thinkMicros, byte[] data) {
    long start = t + 2 * halfRttMicros + thinkMicros;
    long end = send(start, server, serverPort, client, clientPort, serverSeq, clientSeq, data);
    serverSeq += data.length;
    return end;
  }

  /**
   * The server streams {@code data[offset, offset+length)} (first segment {@code thinkMicros}
   * after t plus one RTT); the client ACKs every {@code segmentsPerAck} full segments, one
   * half-RTT after the segment it acknowledges, as a delayed-ACK receiver does (RFC 9293
   * §3.8.6.3). Returns the time of the last packet (segment or ACK).
   */
  long serverStreams(long t, long thinkMicros, byte[] data, int offset, int length,
      int segmentsPerAck) {
    long time = t + 2 * halfRttMicros + thinkMicros;
    long last = time;
    int segments = 0;
    for (int sent = 0; sent < length; sent += FrameBuilder.TCP_MSS) {
      int part = Math.min(FrameBuilder.TCP_MSS, length - sent);
      boolean end = sent + part == length;
      if (sent > 0) {
        time += segmentGapMicros;
      }
      schedule.tcp(time, server, serverPort, client, clientPort, serverSeq, clientSeq,
          end ? TcpFlags.PSH | TcpFlags.ACK : TcpFlags.ACK, data, offset + sent, part);
      serverSeq += part;
      last = Math.max(last, time);
      if (++segments % segmentsPerAck == 0 && !end) {
        long ackAt = time + halfRttMicros / 4 + 1;
        schedule.tcp(ackAt, client, clientPort, server, serverPort, clientSeq, serverSeq,
            TcpFlags.ACK);
        last = Math.max(last, ackAt);
      }
    }
    return last;
  }

  /** The client sends {@code data[offset, offset+length)}; returns the time of its last segment. */
  long clientSends(long t, byte[] data, int offset, int length) {
    long end = send(t, client, clientPort, server, serverPort, clientSeq, serverSeq, data, offset,
        length);
    clientSeq += length;
    return end;
  }

  /** A SYN the server refuses with RST/ACK (closed port, RFC 9293 §3.5.2). */
  long refused(long t) {
    schedule.tcp(t, client, clientPort, server, serverPort, clientSeq, 0, TcpFlags.SYN);
    schedule.tcp(t + 2 * halfRttMicros, server, serverPort, client, clientPort, 0, clientSeq + 1,
        TcpFlags.RST | TcpFlags.ACK);
    return t + 2 * halfRttMicros;
  }

  /** The client acknowledges everything the server sent (a delayed ACK). */
  long clientAcks(long t) {
    schedule.tcp(t, client, clientPort, server, serverPort, clientSeq, serverSeq, TcpFlags.ACK);
    return t;
  }

  /** Client FIN/ACK, server FIN/ACK, client ACK. */
  long clientCloses(long t) {
    schedule.tcp(t, client, clientPort, server, serverPort, clientSeq, serverSeq,
        TcpFlags.FIN | TcpFlags.ACK);
    clientSeq++;
    long serverFin = t + 2 * halfRttMicros;
    schedule.tcp(serverFin, server, serverPort, client, clientPort, serverSeq, clientSeq,
        TcpFlags.FIN | TcpFlags.ACK);
    serverSeq++;
    long ack = serverFin + 40;
    schedule.tcp(ack, client, clientPort, server, serverPort, clientSeq, serverSeq, TcpFlags.ACK);
    return ack;
  }

  private long send(long t, int src, int srcPort, int dst, int dstPort, long seq, long ack,
      byte[] data) {
    return send(t, src, srcPort, dst, dstPort, seq, ack, data, 0, data.length);
  }

  private long send(long t, int src, int srcPort, int dst, int dstPort, long seq, long ack,
      byte[] data, int from, int total) {
    long time = t;
    for (int offset = 0; offset < total; offset += FrameBuilder.TCP_MSS) {
      int length = Math.min(FrameBuilder.TCP_MSS, total - offset);
      boolean last = offset + length == total;
      int flags = last ? TcpFlags.PSH | TcpFlags.ACK : TcpFlags.ACK;
      if (offset > 0) {
        time += segmentGapMicros;
      }
      schedule.tcp(time, src, srcPort, dst, dstPort, seq + offset, ack, flags, data,
          from + offset, length);
    }
    return time;
  }
}
