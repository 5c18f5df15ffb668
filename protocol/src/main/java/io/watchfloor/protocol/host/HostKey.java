package io.watchfloor.protocol.host;

/** Host entity ids are "site/ip": one entity per host per site. */
public final class HostKey {
  private HostKey() {}

  public static String of(String site, String ip) {
    return site + "/" + ip;
  }

  public static String site(String key) {
    int slash = key.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("host key '" + key + "' is not of the form site/ip");
    }
    return key.substring(0, slash);
  }

  public static String ip(String key) {
    int slash = key.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("host key '" + key + "' is not of the form site/ip");
    }
    return key.substring(slash + 1);
  }
}
