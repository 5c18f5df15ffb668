package io.watchfloor.models.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegisteredDomainTest {

  @Test
  void shouldTakeTheLastTwoLabels() {
    assertThat(RegisteredDomain.of("l.1.ns.ostrykebs.pl"))
        .isEqualTo(new RegisteredDomain("ostrykebs.pl", "l.1.ns"));
  }

  @Test
  void shouldTakeThreeLabelsUnderACountrysGenericSecondLevel() {
    assertThat(RegisteredDomain.of("news.bbc.co.uk")).isEqualTo(new RegisteredDomain("bbc.co.uk", "news"));
    assertThat(RegisteredDomain.of("a.b.example.com.au")).isEqualTo(new RegisteredDomain("example.com.au", "a.b"));
  }

  @Test
  void shouldNotTreatAGenericLabelUnderALongTopLevelDomainAsASuffix() {
    assertThat(RegisteredDomain.of("x.co.attack")).isEqualTo(new RegisteredDomain("co.attack", "x"));
  }

  @Test
  void shouldLowerCaseAndDropTheTrailingDot() {
    assertThat(RegisteredDomain.of("WWW.Example.COM.")).isEqualTo(new RegisteredDomain("example.com", "www"));
  }

  @Test
  void shouldKeepShortNamesWhole() {
    assertThat(RegisteredDomain.of("wpad")).isEqualTo(new RegisteredDomain("wpad", ""));
    assertThat(RegisteredDomain.of("example.com")).isEqualTo(new RegisteredDomain("example.com", ""));
    assertThat(RegisteredDomain.of("co.uk")).isEqualTo(new RegisteredDomain("co.uk", ""));
  }
}
