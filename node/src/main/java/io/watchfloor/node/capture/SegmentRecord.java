package io.watchfloor.node.capture;

import io.watchfloor.node.store.SegmentRepository;
import io.watchfloor.node.store.SegmentRepository.StoredSegment;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * One segment's row in Cassandra: what it captures, the id of its current run, the node that started
 * it and whether it still runs. A segment whose node failed reads it to resume on another node of
 * the site with the same input and run; a live segment resumes only on the node of its interface.
 */
final class SegmentRecord {
  static final String RUNNING = "RUNNING";

  private final SegmentRepository segments;
  private final String site;
  private final String segment;
  private final String selfAddress;

  SegmentRecord(SegmentRepository segments, String site, String segment, String selfAddress) {
    this.segments = segments;
    this.site = site;
    this.segment = segment;
    this.selfAddress = selfAddress;
  }

  CompletionStage<Optional<StoredSegment>> load() {
    return segments.load(site, segment);
  }

  /** This node's cluster address. */
  String node() {
    return selfAddress;
  }

  /** True when the cluster address is this node's. */
  boolean isThisNode(String address) {
    return selfAddress.equals(address);
  }

  /** Records a new run of the segment on this node; returns the run's id. */
  String recordStart(CaptureSpec spec) {
    String run = UUID.randomUUID().toString();
    segments.save(site, new StoredSegment(
        segment, run, selfAddress, spec.file(), spec.networkInterface(), spec.filter(), spec.netflow(), RUNNING));
    return run;
  }

  /** A finished segment is not resumed when it moves to another node. */
  void recordEnd(String state) {
    segments.updateState(site, segment, state);
  }

  CaptureSpec specOf(StoredSegment s) {
    return new CaptureSpec(segment, s.file(), s.networkInterface(), s.filter(), s.netflow());
  }

  /** Why a stored running segment cannot resume here, or empty when it can. */
  Optional<String> whyNotHere(StoredSegment s) {
    if (s.networkInterface() != null && !isThisNode(s.node())) {
      return Optional.of("interface " + s.networkInterface() + " is on node " + s.node()
          + ": waiting for that node to capture it");
    }
    return Optional.empty();
  }
}
