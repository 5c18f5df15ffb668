package io.watchfloor.protocol.alert;

import io.watchfloor.protocol.CborSerializable;
import java.util.List;
import java.util.Map;

/**
 * Why an anomaly was raised: a sentence, the features that contributed most (observed against
 * baseline), and the detector's own evidence (ports touched, bytes, victims ...).
 */
public record Explanation(String summary, List<FeatureDeviation> features, Map<String, String> evidence)
    implements CborSerializable {

  public Explanation {
    features = List.copyOf(features);
    evidence = Map.copyOf(evidence);
  }
}
