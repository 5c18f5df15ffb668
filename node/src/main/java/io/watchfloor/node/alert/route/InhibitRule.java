package io.watchfloor.node.alert.route;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An Alertmanager inhibition rule: while an alert matching {@code sourceMatchers} fires, alerts
 * matching {@code targetMatchers} that carry the same values of the {@code equal} labels are not
 * sent. An alert never inhibits itself.
 */
public record InhibitRule(List<Matcher> sourceMatchers, List<Matcher> targetMatchers, List<String> equal) {
  public InhibitRule {
    sourceMatchers = List.copyOf(sourceMatchers);
    targetMatchers = List.copyOf(targetMatchers);
    equal = List.copyOf(equal);
  }

  /** True when one of {@code firing} (label sets of alerts firing now) inhibits {@code target}. */
  public boolean inhibits(Map<String, String> target, Collection<Map<String, String>> firing) {
    if (!targetMatchers.stream().allMatch(m -> m.matches(target))) {
      return false;
    }
    for (Map<String, String> source : firing) {
      if (source.equals(target) || !sourceMatchers.stream().allMatch(m -> m.matches(source))) {
        continue;
      }
      boolean same = equal.stream().allMatch(l -> Objects.equals(source.get(l), target.get(l)));
      if (same) {
        return true;
      }
    }
    return false;
  }
}
