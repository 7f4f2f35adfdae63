package io.holdfast.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DurationsTest {

  @Test
  void parsesUnitsAndBareSeconds() {
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("75s")).isEqualTo(Duration.ofSeconds(75));
    assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.parse("1d")).isEqualTo(Duration.ofDays(1));
    assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(Durations.parse(30)).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse(0.25)).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("0")).isEqualTo(Duration.ZERO);
  }

  @Test
  void refusesWhatIsNotADuration() {
    assertThat(Durations.parse("-1s")).isNull();
    assertThat(Durations.parse(-3)).isNull();
    assertThat(Durations.parse("10 minutes")).isNull();
    assertThat(Durations.parse(true)).isNull();
  }

  @Test
  void negativeDurationsAreToldApartFromNonsense() {
    assertThat(Durations.isNegative("-1s")).isTrue();
    assertThat(Durations.isNegative(" -500ms")).isTrue();
    assertThat(Durations.isNegative(-3)).isTrue();
    assertThat(Durations.isNegative(-0.5)).isTrue();
    assertThat(Durations.isNegative("-ten")).isFalse();
    assertThat(Durations.isNegative("1s")).isFalse();
    assertThat(Durations.isNegative(0)).isFalse();
  }

  @Test
  void formatsWithTheLargestExactUnit() {
    assertThat(Durations.format(Duration.ofHours(1))).isEqualTo("1h");
    assertThat(Durations.format(Duration.ofSeconds(75))).isEqualTo("75s");
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0");
  }
}
