package io.watchfloor.loadtest.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A comma-separated data set with a header row, split into normal and attack rows by its label
 * column. Rows with the wrong number of fields are skipped and counted, not fatal.
 *
 * @param header column names
 * @param normal rows whose label is normal
 * @param attacks the other rows
 * @param skipped malformed rows left out
 */
public record LabeledTable(List<String> header, List<String[]> normal, List<String[]> attacks,
    int skipped) {

  /**
   * @param isNormal decides from the label value
   * @throws IllegalArgumentException when the file has no such label column
   */
  public static LabeledTable read(Path file, String labelColumn, Predicate<String> isNormal) {
    try (var lines = Files.lines(file)) {
      List<String> all = lines.toList();
      if (all.isEmpty()) {
        throw new IllegalArgumentException(file + " is empty");
      }
      List<String> header = List.of(all.get(0).split(",", -1)).stream().map(String::trim).toList();
      int label = header.indexOf(labelColumn);
      if (label < 0) {
        throw new IllegalArgumentException(file + " has no column " + labelColumn);
      }
      List<String[]> normal = new ArrayList<>();
      List<String[]> attacks = new ArrayList<>();
      int skipped = 0;
      for (String line : all.subList(1, all.size())) {
        String[] fields = line.split(",", -1);
        if (fields.length != header.size()) {
          skipped++;
        } else {
          (isNormal.test(fields[label].trim()) ? normal : attacks).add(fields);
        }
      }
      return new LabeledTable(header, normal, attacks, skipped);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
