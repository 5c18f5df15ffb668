package io.watchfloor.protocol.alert;

import io.watchfloor.protocol.CborSerializable;

/**
 * One feature of a host window against the host's baseline.
 *
 * @param feature feature name, e.g. {@code bytes_out}
 * @param observed the value in the flagged window
 * @param baselineMean the host's usual value
 * @param baselineSd its usual spread
 * @param zScore how far the observation is from the baseline, in standard deviations (log scale)
 */
public record FeatureDeviation(
    String feature, double observed, double baselineMean, double baselineSd, double zScore)
    implements CborSerializable {}
