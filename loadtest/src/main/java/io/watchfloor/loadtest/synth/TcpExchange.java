package io.watchfloor.loadtest.synth;

import io.watchfloor.loadtest.FrameBuilder;
import io.watchfloor.protocol.decode.TcpFlags;

/**
 * One TCP connection between a client and a server, built packet by packet into a session with
 * consistent sequence numbers (RFC 9293): handshake, data in either direction cut into MSS-sized
 * segments and acknowledged every second segment, and an orderly close. Times are microseconds;
 * every method returns the time of the last packet it added.
 */
final class TcpExchange {

  private final SessionPackets out;
  private final int client;
  private final int clientPort;
  private final int server;
  private final int serverPort;
  private final long halfRtt;
  private final long segmentGap;
  private long clientSeq;
  private long serverSeq;

  /**
   * @param halfRtt one-way delay in microseconds
   * @param segmentGap spacing of back-to-back segments in microseconds (the sender's pace)
   */
  TcpExchange(SessionPackets out, int client, int clientPort, int server, int serverPort,
      long clientIsn, long serverIsn, long halfRtt, long segmentGap) {
    this.out = out;
    this.client = client;
    this.clientPort = clientPort;
    this.server = server;
    this.serverPort = serverPort;
    this.clientSeq = clientIsn;
    this.serverSeq = serverIsn;
    this.halfRtt = Math.max(1, halfRtt);
    this.segmentGap = Math.max(1, segmentGap);
  }

  long handshake(long t) {
    out.tcp(t, client, clientPort, server, serverPort, clientSeq, 0, TcpFlags.SYN);
    clientSeq++;
    long synAck = t + 2 * halfRtt;
    out.tcp(synAck, server, serverPort, client, clientPort, serverSeq, clientSeq,
        TcpFlags.SYN | TcpFlags.ACK);
    serverSeq++;
    long ack = synAck + halfRtt / 8 + 1;
    out.tcp(ack, client, clientPort, server, serverPort, clientSeq, serverSeq, TcpFlags.ACK);
    return ack;
  }

  long clientSends(long t, byte[] data) {
    return clientSends(t, data, 0, data.length);
  }

  /** The client sends {@code data[offset, offset + length)}; the server ACKs every 2nd segment. */
  long clientSends(long t, byte[] data, int offset, int length) {
    return stream(t, true, data, offset, length);
  }

  long serverSends(long t, byte[] data) {
    return serverSends(t, data, 0, data.length);
  }

  /** The server answers after one round trip; the client ACKs every 2nd segment. */
  long serverSends(long t, byte[] data, int offset, int length) {
    return stream(t + 2 * halfRtt, false, data, offset, length);
  }

  /** Client FIN/ACK, server FIN/ACK, client ACK. */
  long clientCloses(long t) {
    out.tcp(t, client, clientPort, server, serverPort, clientSeq, serverSeq,
        TcpFlags.FIN | TcpFlags.ACK);
    clientSeq++;
    long serverFin = t + 2 * halfRtt;
    out.tcp(serverFin, server, serverPort, client, clientPort, serverSeq, clientSeq,
        TcpFlags.FIN | TcpFlags.ACK);
    serverSeq++;
    long ack = serverFin + halfRtt / 8 + 1;
    out.tcp(ack, client, clientPort, server, serverPort, clientSeq, serverSeq, TcpFlags.ACK);
    return ack;
  }

  private long stream(long t, boolean fromClient, byte[] data, int offset, int length) {
    int src = fromClient ? client : server;
    int srcPort = fromClient ? clientPort : serverPort;
    int dst = fromClient ? server : client;
    int dstPort = fromClient ? serverPort : clientPort;
    long time = t;
    long last = t;
    int segments = 0;
    for (int sent = 0; sent < length; sent += FrameBuilder.TCP_MSS) {
      int part = Math.min(FrameBuilder.TCP_MSS, length - sent);
      boolean end = sent + part == length;
      if (sent > 0) {
        time += segmentGap;
      }
      long seq = fromClient ? clientSeq : serverSeq;
      long ack = fromClient ? serverSeq : clientSeq;
      out.tcp(time, src, srcPort, dst, dstPort, seq, ack,
          end ? TcpFlags.PSH | TcpFlags.ACK : TcpFlags.ACK, data, offset + sent, part);
      if (fromClient) {
        clientSeq += part;
      } else {
        serverSeq += part;
      }
      last = time;
      if (++segments % 2 == 0 || end) {
        long ackAt = time + halfRtt + 1;
        out.tcp(ackAt, dst, dstPort, src, srcPort, fromClient ? serverSeq : clientSeq,
            fromClient ? clientSeq : serverSeq, TcpFlags.ACK);
        last = Math.max(last, ackAt);
      }
    }
    return last;
  }
}
