package io.holdfast.status;

import io.holdfast.bus.InstanceStats;
import io.holdfast.bus.ListenerStats;
import io.holdfast.bus.ServerStats;
import io.holdfast.status.StatsAggregate.ServerKey;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StatsAggregateTest {

  private final StatsAggregate aggregate = StatsAggregate.of(List.of(Samples.instanceA(), Samples.instanceB()));

  @Test
  void sumsListenersAcrossInstancesKeepingReportOrder() {
    assertThat(aggregate.instances()).isEqualTo(2);
    assertThat(aggregate.listeners()).containsOnlyKeys("main", "alt");
    assertThat(aggregate.listeners().keySet()).containsExactly("main", "alt");
    ListenerStats main = aggregate.listeners().get("main");
    assertThat(main.accepted()).isEqualTo(17);
    assertThat(main.requests()).isEqualTo(150);
    assertThat(main.active()).isEqualTo(8);
    assertThat(main.closedByReason())
        .containsEntry("idle-timeout", 6L)
        .containsEntry("requests-limit", 3L)
        .containsEntry("client", 1L)
        .containsEntry("lifetime", 0L)
        .containsEntry("error", 0L)
        .containsEntry("refused", 0L);
  }

  @Test
  void sumsServerPoolsAndDerivesRatios() {
    ServerStats server = aggregate.servers().get(new ServerKey("app", "127.0.0.1:8000"));
    assertThat(server.instances()).isEqualTo(2);
    assertThat(server.open()).isEqualTo(7);
    assertThat(server.active()).isEqualTo(3);
    assertThat(server.idle()).isEqualTo(4);
    assertThat(server.requests()).isEqualTo(150);
    assertThat(server.reused()).isEqualTo(130);
    assertThat(server.retried()).isEqualTo(4);
    assertThat(server.failures()).isEqualTo(1);
    assertThat(server.reuseRatio()).isCloseTo(130.0 / 150, within(1e-9));
    // 150 ms over 150 requests
    assertThat(server.responseTimeAvgMillis()).isCloseTo(1.0, within(1e-9));
    assertThat(server.responseTimeMaxMillis()).isCloseTo(9.0, within(1e-9));
    assertThat(server.down()).isTrue();
    assertThat(server.downOn()).isEqualTo(1);
  }

  @Test
  void drainingAndNewPoolOfOneServerAddUp() {
    InstanceStats one = new InstanceStats("x", List.of(), List.of(
        Samples.pool("app", "s:1", false, 1, 0, 10, 5, 0, 0, 0),
        Samples.pool("app", "s:1", false, 0, 2, 4, 1, 0, 0, 0)));
    ServerStats server = StatsAggregate.of(List.of(one)).servers().get(new ServerKey("app", "s:1"));
    assertThat(server.open()).isEqualTo(3);
    assertThat(server.requests()).isEqualTo(14);
  }

  @Test
  void emptyAggregateHasZeroRatiosRatherThanNaN() {
    ServerStats idle = Samples.pool("app", "s:1", false, 0, 0, 0, 0, 0, 0, 0);
    assertThat(idle.reuseRatio()).isZero();
    assertThat(idle.responseTimeAvgMillis()).isZero();
  }
}
