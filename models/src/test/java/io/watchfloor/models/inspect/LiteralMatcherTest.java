package io.watchfloor.models.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LiteralMatcherTest {

  private static List<String> matches(LiteralMatcher m, byte[] text, int reportAfter) {
    List<String> out = new ArrayList<>();
    m.scan(text, 0, text.length, reportAfter, (id, start, end) -> out.add(id + "@" + start + "-" + end));
    return out;
  }

  private static LiteralMatcher of(String... literals) {
    List<byte[]> l = new ArrayList<>();
    for (String s : literals) {
      l.add(s.toLowerCase().getBytes(StandardCharsets.ISO_8859_1));
    }
    return new LiteralMatcher(l);
  }

  @Test
  void shouldFindOverlappingLiteralsIgnoringCase() {
    LiteralMatcher m = of("he", "she", "his", "hers");
    assertThat(matches(m, "uSHErs".getBytes(StandardCharsets.ISO_8859_1), 0))
        .containsExactlyInAnyOrder("1@1-4", "0@2-4", "3@2-6");
  }

  @Test
  void shouldFindOneByteLiteralsAtTheLastPosition() {
    LiteralMatcher m = of("x", "ab");
    assertThat(matches(m, "abx".getBytes(StandardCharsets.ISO_8859_1), 0)).containsExactly("1@0-2", "0@2-3");
  }

  @Test
  void shouldReportOnlyMatchesEndingAfterTheCarriedTail() {
    LiteralMatcher m = of("abc");
    assertThat(matches(m, "abcabc".getBytes(StandardCharsets.ISO_8859_1), 3)).containsExactly("0@3-6");
  }

  @Test
  void shouldAgreeWithANaiveSearchOnRandomInput() {
    agreeWithNaiveSearch(1, 6, 4);
  }

  @Test
  void shouldAgreeWithANaiveSearchWhenProbingEveryFewPositions() {
    agreeWithNaiveSearch(4, 4, 4); // stride 2
    agreeWithNaiveSearch(6, 10, 4); // stride 4
    agreeWithNaiveSearch(10, 3, 2); // stride 8 (the cap)
  }

  private static void agreeWithNaiveSearch(int minLength, int extraLength, int letters) {
    Random random = new Random(7 + minLength);
    List<byte[]> literals = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      byte[] l = new byte[minLength + random.nextInt(extraLength + 1)];
      for (int k = 0; k < l.length; k++) {
        l[k] = (byte) ('a' + random.nextInt(letters));
      }
      literals.add(l);
    }
    byte[] text = new byte[2000];
    for (int k = 0; k < text.length; k++) {
      text[k] = (byte) ((random.nextBoolean() ? 'a' : 'A') + random.nextInt(letters));
    }
    List<String> naive = new ArrayList<>();
    for (int start = 0; start < text.length; start++) {
      for (int id = 0; id < literals.size(); id++) {
        if (LiteralMatcher.matchesAt(text, start, text.length, literals.get(id), true)) {
          naive.add(id + "@" + start + "-" + (start + literals.get(id).length));
        }
      }
    }
    assertThat(naive).isNotEmpty();
    assertThat(matches(new LiteralMatcher(literals), text, 0)).containsExactlyInAnyOrderElementsOf(naive);
  }

  @Test
  void shouldHandleLiteralsOverEveryByteValue() {
    List<byte[]> literals = new ArrayList<>();
    for (int b = 0; b < 256; b += 2) {
      literals.add(new byte[] {(byte) b, (byte) (b + 1), (byte) 0xff});
    }
    LiteralMatcher m = new LiteralMatcher(literals);
    byte[] text = {0x00, (byte) 0xfe, (byte) 0xff, (byte) 0xff};
    assertThat(matches(m, text, 0)).containsExactly("127@1-4");
  }
}
