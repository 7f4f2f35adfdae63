package io.holdfast.upstream.pool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReuseRulesTest {

  @Test
  void keepAliveTimeoutIsParsedFromTheHeader() {
    assertThat(ReuseRules.timeoutSeconds("timeout=5, max=100")).isEqualTo(5);
    assertThat(ReuseRules.timeoutSeconds("max=100, Timeout = 30")).isEqualTo(30);
    assertThat(ReuseRules.timeoutSeconds("max=100")).isEqualTo(-1);
    assertThat(ReuseRules.timeoutSeconds("timeout=")).isEqualTo(-1);
  }
}
