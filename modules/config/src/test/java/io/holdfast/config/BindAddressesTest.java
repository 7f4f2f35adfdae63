package io.holdfast.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BindAddressesTest {

  @Test
  void aWildcardOverlapsEverySpecificAddressOfItsFamily() {
    assertThat(BindAddresses.overlap("0.0.0.0", "127.0.0.1")).isTrue();
    assertThat(BindAddresses.overlap("10.0.0.5", "0.0.0.0")).isTrue();
    assertThat(BindAddresses.overlap("0.0.0.0", "localhost")).isTrue();
    assertThat(BindAddresses.overlap("0.0.0.0", "::1")).isFalse();
  }

  @Test
  void theIpv6WildcardIsDualStackAndOverlapsEverything() {
    assertThat(BindAddresses.overlap("::", "127.0.0.1")).isTrue();
    assertThat(BindAddresses.overlap("[::]", "::1")).isTrue();
    assertThat(BindAddresses.overlap("0.0.0.0", "0:0:0:0:0:0:0:0")).isTrue();
  }

  @Test
  void twoSpecificAddressesOverlapOnlyWhenTheyAreTheSame() {
    assertThat(BindAddresses.overlap("127.0.0.1", "127.0.0.2")).isFalse();
    assertThat(BindAddresses.overlap("127.0.0.1", "::1")).isFalse();
    assertThat(BindAddresses.overlap("Localhost", "localhost")).isTrue();
    assertThat(BindAddresses.overlap("[::1]", "::1")).isTrue();
  }
}
