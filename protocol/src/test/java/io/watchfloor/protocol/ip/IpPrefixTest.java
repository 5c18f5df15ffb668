package io.watchfloor.protocol.ip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IpPrefixTest {

  @Test
  void shouldMatchAddressesInsideAnIpv4Prefix() {
    IpPrefix p = IpPrefix.parse("10.20.0.0/16");

    assertThat(p.contains(IpAddress.parse("10.20.255.1"))).isTrue();
    assertThat(p.contains(IpAddress.parse("10.21.0.1"))).isFalse();
    assertThat(p.contains(IpAddress.parse("::ffff:10.20.1.1"))).isTrue();
    assertThat(p.contains(IpAddress.parse("2001:db8::1"))).isFalse();
    assertThat(p).hasToString("10.20.0.0/16");
  }

  @Test
  void shouldMatchIpv6PrefixesAcrossThe64BitBoundary() {
    assertThat(IpPrefix.parse("2001:db8::/32").contains(IpAddress.parse("2001:db8:ffff::1"))).isTrue();
    assertThat(IpPrefix.parse("2001:db8::/32").contains(IpAddress.parse("2001:db9::1"))).isFalse();
    IpPrefix p = IpPrefix.parse("2001:db8:0:0:8000::/65");
    assertThat(p.contains(IpAddress.parse("2001:db8::8000:0:0:1"))).isTrue();
    assertThat(p.contains(IpAddress.parse("2001:db8::7fff:0:0:1"))).isFalse();
  }

  @Test
  void shouldReadABareAddressAsAHostPrefixAndZeroAsEverything() {
    assertThat(IpPrefix.parse("192.0.2.7").contains(IpAddress.parse("192.0.2.7"))).isTrue();
    assertThat(IpPrefix.parse("192.0.2.7").contains(IpAddress.parse("192.0.2.8"))).isFalse();
    assertThat(IpPrefix.parse("0.0.0.0/0").contains(IpAddress.parse("203.0.113.9"))).isTrue();
    assertThat(IpPrefix.parse("::/0").contains(IpAddress.parse("2001:db8::1"))).isTrue();
  }

  @Test
  void shouldRejectBadPrefixesWithTheReason() {
    assertThatThrownBy(() -> IpPrefix.parse("10.1.2.3/8")).hasMessageContaining("host bits");
    assertThatThrownBy(() -> IpPrefix.parse("10.0.0.0/33")).hasMessageContaining("at most /32");
    assertThatThrownBy(() -> IpPrefix.parse("10.0.0.0/x")).hasMessageContaining("bad length");
    assertThatThrownBy(() -> IpPrefix.parse("10.0.0/8")).hasMessageContaining("4 dot-separated");
    assertThatThrownBy(() -> IpPrefix.parse(" ")).hasMessageContaining("empty");
  }

  @Test
  void shouldMatchOnlyLiteralAddressesAsText() {
    IpPrefix p = IpPrefix.parse("10.20.0.0/16");

    assertThat(p.containsLiteral("10.20.3.4")).isTrue();
    assertThat(p.containsLiteral("10.21.3.4")).isFalse();
    assertThat(p.containsLiteral("db.example")).isFalse();
    assertThat(p.containsLiteral("10.20.3")).isFalse();
    assertThat(p.containsLiteral("")).isFalse();
    assertThat(p.containsLiteral(null)).isFalse();
  }
}
