package io.watchfloor.node.capture;

import io.watchfloor.models.window.SegmentWindows;
import io.watchfloor.protocol.host.HostWindow;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The capture loop as a pull-driven iterator: each {@link #next()} reads packets until a window
 * closes and returns its host deltas. Runs on the capture dispatcher; the stream pulls it only when
 * host entities keep up, which is how back-pressure reaches capture.
 *
 * <p>An input that turns out broken part-way (a truncated file) ends the capture after the windows
 * read so far are delivered; the error is kept in the progress for the segment to report.
 */
final class WindowBatchIterator implements Iterator<List<HostWindow>>, AutoCloseable {
  private static final int PUBLISH_EVERY = 1 << 14;
  private static final long LIVE_GRACE_MILLIS = 1_000;

  private final PacketSource source;
  private final SegmentWindows windows;
  private final CaptureProgress progress;
  private final boolean live;
  private volatile boolean stopRequested;
  private List<HostWindow> ready;
  private boolean ended;
  private boolean closed;

  WindowBatchIterator(PacketSource source, SegmentWindows windows, CaptureProgress progress) {
    this.source = source;
    this.windows = windows;
    this.progress = progress;
    this.live = source.size() < 0;
  }

  void requestStop() {
    stopRequested = true;
  }

  @Override
  public boolean hasNext() {
    while (ready == null && !ended) {
      ready = readUntilWindowCloses();
    }
    return ready != null;
  }

  @Override
  public List<HostWindow> next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    List<HostWindow> out = ready;
    ready = null;
    return out;
  }

  private List<HostWindow> readUntilWindowCloses() {
    long sincePublish = 0;
    try {
      while (!stopRequested) {
        PacketSource.Next n = source.next();
        if (n == PacketSource.Next.END) {
          break;
        }
        List<HostWindow> closed;
        if (n == PacketSource.Next.IDLE) {
          closed = windows.closeIfDue(System.currentTimeMillis(), LIVE_GRACE_MILLIS);
          publish();
        } else {
          closed = windows.accept(source.packet(), source.frameOffset());
          if (++sincePublish >= PUBLISH_EVERY) {
            publish();
            sincePublish = 0;
          }
        }
        if (!closed.isEmpty()) {
          publish();
          return closed;
        }
      }
    } catch (CaptureInputException e) {
      progress.inputError(e.getMessage());
    }
    return finish();
  }

  private List<HostWindow> finish() {
    ended = true;
    List<HostWindow> last = windows.finish();
    publish();
    close();
    return last.isEmpty() ? null : last;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      source.close();
    }
  }

  private void publish() {
    progress.publish(
        windows.counters().snapshot(), source.position(), source.size(), live ? source.kernelDrops() : 0);
  }
}
