package io.holdfast.listener.connection;

import io.holdfast.testkit.TestConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ClientLimitsTest {

  private static final long SECOND = 1_000_000_000L;

  private static ClientLimits limits(Duration timeout, int requests, Duration time) {
    return ClientLimits.of(TestConfig.proxying(1).clientKeepalive(timeout, requests, time).listenerConfig("main"));
  }

  private static ConnectionState connection(long openedAt, int requestsSoFar) {
    ConnectionState state = new ConnectionState(null, null, null, openedAt);
    state.requests = requestsSoFar;
    state.ended = requestsSoFar;
    return state;
  }

  @Test
  void sweepPeriodIsATenthOfTheTimeoutWithinBounds() {
    assertThat(limits(Duration.ofSeconds(75), 1, Duration.ofHours(1)).sweepPeriodMillis()).isEqualTo(1000);
    assertThat(limits(Duration.ofMillis(500), 1, Duration.ofHours(1)).sweepPeriodMillis()).isEqualTo(50);
    assertThat(limits(Duration.ofMillis(20), 1, Duration.ofHours(1)).sweepPeriodMillis()).isEqualTo(10);
    assertThat(limits(Duration.ZERO, 1, Duration.ofHours(1)).sweepPeriodMillis()).isEqualTo(1000);
  }

  @Test
  void requestThatReachesTheLimitIsTheLast() {
    ClientLimits limits = limits(Duration.ofSeconds(75), 3, Duration.ofHours(1));
    ConnectionState state = connection(0, 2);
    assertThat(limits.lastRequestReason(state, 1)).isNull();
    state.requests = 3;
    assertThat(limits.lastRequestReason(state, 1)).isEqualTo(CloseReason.REQUESTS_LIMIT);
  }

  @Test
  void requestOnAConnectionOlderThanKeepaliveTimeIsTheLast() {
    ClientLimits limits = limits(Duration.ofSeconds(75), 100, Duration.ofSeconds(10));
    ConnectionState state = connection(0, 1);
    assertThat(limits.lastRequestReason(state, 9 * SECOND)).isNull();
    assertThat(limits.lastRequestReason(state, 10 * SECOND)).isEqualTo(CloseReason.LIFETIME);
  }

  @Test
  void everyRequestIsTheLastWhenKeepaliveIsOff() {
    ClientLimits limits = limits(Duration.ZERO, 100, Duration.ofHours(1));
    assertThat(limits.lastRequestReason(connection(0, 1), 1)).isEqualTo(CloseReason.IDLE_TIMEOUT);
  }

  @Test
  void firstRequestWaitIsTheHeaderTimeoutAndLaterGapsUseKeepaliveTimeout() {
    ClientLimits limits = limits(Duration.ofSeconds(5), 100, Duration.ofHours(1));
    assertThat(limits.idleLimitNanos(connection(0, 0))).isEqualTo(60 * SECOND);
    assertThat(limits.idleLimitNanos(connection(0, 1))).isEqualTo(5 * SECOND);
    ClientLimits shortHeads = ClientLimits.of(TestConfig.proxying(1).set("listeners.main.headerTimeout", "2s")
        .listenerConfig("main"));
    assertThat(shortHeads.idleLimitNanos(connection(0, 0))).isEqualTo(2 * SECOND);
  }

  @Test
  void sweepPeriodFollowsTheShortestClientTimeout() {
    ClientLimits limits = ClientLimits.of(TestConfig.proxying(1).set("listeners.main.bodyTimeout", "300ms")
        .listenerConfig("main"));
    assertThat(limits.sweepPeriodMillis()).isEqualTo(30);
    assertThat(limits.bodyTimeoutNanos()).isEqualTo(300_000_000L);
    assertThat(limits.headerTimeoutNanos()).isEqualTo(60 * SECOND);
  }
}
