package io.watchfloor.protocol;

import java.util.HexFormat;

/** Byte literals for decoder tests: hex digits, whitespace and '|' separators ignored. */
public final class Hex {

  private Hex() {}

  public static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex.replaceAll("[\\s|]", ""));
  }
}
