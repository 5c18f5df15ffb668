package io.watchfloor.protocol.ip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

  @Test
  void shouldStoreIpv4AsIpv4Mapped() {
    IpAddress address = IpAddress.parse("192.168.1.20");

    assertThat(address.hi()).isZero();
    assertThat(address.lo()).isEqualTo(0x0000_ffff_c0a8_0114L);
    assertThat(address.isIpv4()).isTrue();
    assertThat(address).isEqualTo(IpAddress.ofIpv4(0xc0a80114));
    assertThat(IpAddresses.isIpv4(address.hi(), address.lo())).isTrue();
    assertThat(IpAddresses.ipv4(address.lo())).isEqualTo(0xc0a80114);
  }

  @ParameterizedTest
  @CsvSource({
      "0.0.0.0, 0.0.0.0",
      "255.255.255.255, 255.255.255.255",
      "::ffff:10.1.2.3, 10.1.2.3",
      "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
      "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
      "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
      "0:0:0:0:0:0:0:0, ::",
      "::1, ::1",
      "fe80::, fe80::",
      "2001:0db8:0000:0000:0000:ff00:0042:8329, 2001:db8::ff00:42:8329",
      "1:0:0:2:0:0:0:3, 1:0:0:2::3",
      "1:0:0:2:0:0:3:4, 1::2:0:0:3:4",
      "::192.0.2.1, ::c000:201",
      "64:ff9b::192.0.2.33, 64:ff9b::c000:221"})
  void shouldFormatInRfc5952CanonicalForm(String text, String canonical) {
    assertThat(IpAddress.parse(text)).hasToString(canonical);
    assertThat(IpAddress.parse(canonical)).isEqualTo(IpAddress.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1..2.3", "1.2.3.4 ",
      "a.b.c.d", "localhost", "example.com", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3",
      ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:", "12345::", "g::1", "fe80::1%eth0", "[::1]",
      "1:2:3:4:5:6:7:8::", "::ffff:1.2.3", "1:2:3:4:5:6:7:1.2.3.4", "١.٢.٣.٤", "::١"})
  void shouldRejectBadSyntaxWithAClearMessage(String text) {
    assertThatThrownBy(() -> IpAddress.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not an IP address: ");
  }

  @Test
  void shouldSayWhatIsWrong() {
    assertThatThrownBy(() -> IpAddress.parse("10.0.0.300"))
        .hasMessage("not an IP address: '10.0.0.300': IPv4 part 300 is larger than 255");
    assertThatThrownBy(() -> IpAddress.parse("1::2::3"))
        .hasMessage("not an IP address: '1::2::3': '::' may appear only once");
  }

  @Test
  void shouldNeverResolveHostNames() {
    assertThatThrownBy(() -> IpAddress.parse("watchfloor.invalid"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.0.1", "127.0.0.1",
      "169.254.10.10", "100.64.0.1", "100.127.255.255", "::1", "fe80::1", "fc00::1", "fd12::1"})
  void shouldRecognisePrivateAddresses(String text) {
    assertThat(IpAddress.parse(text).isPrivate()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"8.8.8.8", "172.32.0.1", "172.15.255.255", "192.169.0.1",
      "100.128.0.1", "100.63.255.255", "11.0.0.1", "2001:db8::1", "fec0::1", "::2", "::"})
  void shouldRecognisePublicAddresses(String text) {
    assertThat(IpAddress.parse(text).isPrivate()).isFalse();
  }

  @Test
  void shouldOrderIpv4BeforeIpv6AndNumerically() {
    assertThat(IpAddress.parse("10.0.0.2")).isGreaterThan(IpAddress.parse("10.0.0.1"));
    assertThat(IpAddress.parse("255.255.255.255")).isLessThan(IpAddress.parse("2001:db8::"));
    assertThat(IpAddress.parse("ffff::")).isGreaterThan(IpAddress.parse("2001:db8::"));
  }
}
