package io.holdfast.proxy.compression;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MediaRangesTest {

  private final MediaRanges defaults = new MediaRanges(
      List.of("text/*", "application/json", "application/javascript", "image/svg+xml"));

  @Test
  void exactTypesAndWholeSubtypeWildcardsMatchIgnoringParametersAndCase() {
    assertThat(defaults.matches("application/json")).isTrue();
    assertThat(defaults.matches("Application/JSON; charset=utf-8")).isTrue();
    assertThat(defaults.matches("text/html")).isTrue();
    assertThat(defaults.matches(" text/event-stream ")).isTrue();
    assertThat(defaults.matches("image/svg+xml")).isTrue();
  }

  @Test
  void otherTypesAndNoTypeDoNotMatch() {
    assertThat(defaults.matches("image/png")).isFalse();
    assertThat(defaults.matches("application/json-seq")).isFalse();
    assertThat(defaults.matches("application/octet-stream")).isFalse();
    assertThat(defaults.matches("text/")).isFalse();
    assertThat(defaults.matches("texts/plain")).isFalse();
    assertThat(defaults.matches("")).isFalse();
    assertThat(defaults.matches(null)).isFalse();
  }

  @Test
  void theWholeRangeMatchesAnyNamedType() {
    MediaRanges any = new MediaRanges(List.of("*/*"));

    assertThat(any.matches("image/png")).isTrue();
    assertThat(any.matches(null)).isFalse();
  }
}
