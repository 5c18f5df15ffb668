/**
 * Labeled synthetic traffic at scale and its evaluation against the detectors. {@link
 * io.watchfloor.loadtest.synth.SynthTraffic} writes hours or days of a site's traffic (diurnal
 * activity, a realistic protocol mix, injected attacks) as one pcap with a ground-truth TSV; {@link
 * io.watchfloor.loadtest.synth.SynthEvaluation} replays the pcap through the node's models path
 * (SegmentWindows, one HostAnalyzer per host, default configuration) and {@link
 * io.watchfloor.loadtest.synth.DetectionReport} scores the anomalies against the ground truth.
 */
package io.watchfloor.loadtest.synth;
