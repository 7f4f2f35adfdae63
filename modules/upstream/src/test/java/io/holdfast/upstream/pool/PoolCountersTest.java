package io.holdfast.upstream.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.bus.ServerStats;
import org.junit.jupiter.api.Test;

class PoolCountersTest {

  private final PoolCounters counters = new PoolCounters();

  private int peak() {
    return counters.snapshot("app", "s", false, 0, 0, 0, 0).peakActive();
  }

  @Test
  void aPeakIsReportedThroughTheWindowAfterItsOwnThenForgotten() {
    for (int i = 0; i < 3; i++) {
      counters.leased();
    }
    for (int i = 0; i < 3; i++) {
      counters.returned();
    }
    assertThat(peak()).isEqualTo(3);

    counters.rollPeakWindow();
    assertThat(peak()).isEqualTo(3);

    counters.rollPeakWindow();
    assertThat(peak()).isZero();
  }

  @Test
  void requestsStillInFlightWhenAWindowStartsCountInIt() {
    counters.leased();
    counters.leased();
    counters.rollPeakWindow();
    counters.rollPeakWindow();

    assertThat(peak()).isEqualTo(2);
  }

  @Test
  void responseTimesLandInTheirBuckets() {
    counters.responseTime(300_000);
    counters.responseTime(300_000);
    counters.responseTime(20_000_000);

    ServerStats stats = counters.snapshot("app", "s", false, 0, 0, 0, 0);
    assertThat(stats.responseTimes().total()).isEqualTo(3);
    assertThat(stats.responseTimes().quantileMillis(0.5)).isBetween(0.25, 0.5);
    assertThat(stats.responseTimes().quantileMillis(0.99)).isBetween(10.0, 25.0);
  }
}
