package io.watchfloor.node.capture;

import io.watchfloor.models.window.CaptureCounters;

/**
 * Hand-over of capture statistics from the capture thread to the segment actor: the thread
 * publishes immutable snapshots, the actor reads the latest.
 */
final class CaptureProgress {
  private volatile CaptureCounters.Snapshot counters = CaptureCounters.Snapshot.EMPTY;
  private volatile long position;
  private volatile long size = -1;
  private volatile long kernelDrops;
  private volatile long decodeErrors;
  private volatile String inputError;

  void publish(CaptureCounters.Snapshot counters, long position, long size, long kernelDrops) {
    this.counters = counters;
    this.position = position;
    this.size = size;
    this.kernelDrops = kernelDrops;
  }

  void decodeErrors(long datagrams) {
    this.decodeErrors = datagrams;
  }

  void inputError(String message) {
    this.inputError = message;
  }

  CaptureCounters.Snapshot counters() {
    return counters;
  }

  long position() {
    return position;
  }

  long size() {
    return size;
  }

  long kernelDrops() {
    return kernelDrops;
  }

  long decodeErrors() {
    return decodeErrors;
  }

  String inputError() {
    return inputError;
  }
}
