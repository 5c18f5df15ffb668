package io.watchfloor.loadtest.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns table rows into feature vectors: numeric columns as they are, categorical columns one-hot
 * over the values seen in the TRAINING rows, plus one "other" slot per column for values never seen
 * there (a new service or flag is itself a sign). Fitted on training rows only, so nothing of the
 * test rows leaks into the features.
 */
final class TabularEncoder {

  private final List<Integer> numeric;
  private final Map<Integer, Map<String, Integer>> vocabularies = new LinkedHashMap<>();
  private final int dimension;

  /**
   * @param numeric indices of numeric columns
   * @param categorical indices of categorical columns
   * @param training the rows the vocabularies come from
   */
  TabularEncoder(List<Integer> numeric, List<Integer> categorical, List<String[]> training) {
    this.numeric = List.copyOf(numeric);
    int d = numeric.size();
    for (int c : categorical) {
      TreeMap<String, Integer> seen = new TreeMap<>();
      for (String[] row : training) {
        seen.putIfAbsent(row[c].trim(), 0);
      }
      Map<String, Integer> slots = new LinkedHashMap<>();
      for (String value : seen.keySet()) {
        slots.put(value, d++);
      }
      d++; // "other"
      vocabularies.put(c, slots);
    }
    this.dimension = d;
  }

  int dimension() {
    return dimension;
  }

  /** @throws NumberFormatException when a numeric field is not a finite number */
  double[] encode(String[] row) {
    double[] v = new double[dimension];
    int i = 0;
    for (int c : numeric) {
      double x = Double.parseDouble(row[c].trim());
      if (!Double.isFinite(x)) {
        throw new NumberFormatException("column " + c + " is " + row[c]);
      }
      v[i++] = x;
    }
    for (Map.Entry<Integer, Map<String, Integer>> e : vocabularies.entrySet()) {
      Map<String, Integer> slots = e.getValue();
      Integer slot = slots.get(row[e.getKey()].trim());
      v[slot != null ? slot : i + slots.size()] = 1;
      i += slots.size() + 1;
    }
    return v;
  }

  /** Encodes every row it can; the others are counted in {@code rejected[0]}. */
  List<double[]> encodeAll(List<String[]> rows, int[] rejected) {
    List<double[]> out = new ArrayList<>(rows.size());
    for (String[] row : rows) {
      try {
        out.add(encode(row));
      } catch (NumberFormatException e) {
        rejected[0]++;
      }
    }
    return out;
  }
}
