package io.holdfast.config.key;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CookiesTest {

  private static String value(String header, String name) {
    long range = Cookies.find(header, name);
    return range < 0 ? null : header.substring(Cookies.start(range), Cookies.end(range));
  }

  @Test
  void findsACookieAnywhereInTheHeader() {
    assertThat(value("uid=42", "uid")).isEqualTo("42");
    assertThat(value("a=1; uid=42; b=2", "uid")).isEqualTo("42");
    assertThat(value("a=1;uid=42 ", "uid")).isEqualTo("42");
    assertThat(value("a=1; uid=\"quoted\"", "uid")).isEqualTo("\"quoted\"");
    assertThat(value("uid=; a=1", "uid")).isEmpty();
  }

  @Test
  void matchesWholeNamesOnlyAndTheFirstOccurrence() {
    assertThat(value("xuid=1; uidx=2; UID=3", "uid")).isNull();
    assertThat(value("a=uid=4", "uid")).isNull();
    assertThat(value("uid=1; uid=2", "uid")).isEqualTo("1");
    assertThat(value("", "uid")).isNull();
    assertThat(value("uid", "uid")).isNull();
  }

  @Test
  void cookieNamesAreTokens() {
    assertThat(Cookies.validName("hf_srv")).isTrue();
    assertThat(Cookies.validName("a b")).isFalse();
    assertThat(Cookies.validName("a=b")).isFalse();
    assertThat(Cookies.validName("")).isFalse();
  }
}
