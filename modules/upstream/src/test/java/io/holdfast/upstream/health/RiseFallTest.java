package io.holdfast.upstream.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RiseFallTest {

  @Test
  void startsUpGoesDownAfterFallConsecutiveFailuresAndUpAfterRiseConsecutivePasses() {
    RiseFall verdict = new RiseFall();
    assertThat(verdict.up()).isTrue();
    assertThat(verdict.record(false, 2, 3)).isFalse();
    assertThat(verdict.record(false, 2, 3)).isFalse();
    assertThat(verdict.record(false, 2, 3)).as("third failure in a row").isTrue();
    assertThat(verdict.up()).isFalse();
    assertThat(verdict.record(true, 2, 3)).isFalse();
    assertThat(verdict.record(true, 2, 3)).as("second pass in a row").isTrue();
    assertThat(verdict.up()).isTrue();
  }

  @Test
  void aProbeOfTheOtherKindStartsTheCountAgain() {
    RiseFall verdict = new RiseFall();
    verdict.record(false, 2, 3);
    verdict.record(false, 2, 3);
    verdict.record(true, 2, 3);
    verdict.record(false, 2, 3);
    verdict.record(false, 2, 3);
    assertThat(verdict.up()).as("two failures, a pass, two failures").isTrue();
    verdict.record(false, 2, 3);
    assertThat(verdict.up()).isFalse();
    verdict.record(true, 2, 3);
    verdict.record(false, 2, 3);
    verdict.record(true, 2, 3);
    assertThat(verdict.up()).as("pass, failure, pass").isFalse();
  }

  @Test
  void resetMakesItUpAgain() {
    RiseFall verdict = new RiseFall();
    verdict.record(false, 1, 1);
    verdict.reset();
    assertThat(verdict.up()).isTrue();
  }
}
