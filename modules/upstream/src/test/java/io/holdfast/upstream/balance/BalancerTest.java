package io.holdfast.upstream.balance;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.config.Balance;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BalancerTest {

  @Test
  void smoothRoundRobinInterleavesHeavyServerLikeNginx() {
    Balancer balancer = Balancer.create(Balance.ROUND_ROBIN, new int[] {5, 1, 1});
    StringBuilder order = new StringBuilder();
    for (int i = 0; i < 7; i++) {
      order.append((char) ('a' + balancer.pick(s -> true, s -> 0)));
    }
    assertThat(order).hasToString("aabacaa");
  }

  @Test
  void roundRobinSkipsIneligibleServers() {
    Balancer balancer = Balancer.create(Balance.ROUND_ROBIN, new int[] {1, 1, 1});
    for (int i = 0; i < 6; i++) {
      assertThat(balancer.pick(s -> s != 1, s -> 0)).isNotEqualTo(1);
    }
    assertThat(balancer.pick(s -> false, s -> 0)).isEqualTo(-1);
  }

  @Test
  void leastConnPicksFewestBusyPerWeight() {
    Balancer balancer = Balancer.create(Balance.LEAST_CONN, new int[] {1, 2, 1});
    int[] busy = {3, 4, 1};
    assertThat(balancer.pick(s -> true, s -> busy[s])).isEqualTo(2);
    busy[2] = 3;
    // 4/2 = 2 < 3/1
    assertThat(balancer.pick(s -> true, s -> busy[s])).isEqualTo(1);
  }

  @Test
  void leastConnRotatesBetweenTies() {
    Balancer balancer = Balancer.create(Balance.LEAST_CONN, new int[] {1, 1});
    assertThat(balancer.pick(s -> true, s -> 0)).isNotEqualTo(balancer.pick(s -> true, s -> 0));
  }

  @Test
  void serverGoesDownAfterMaxFailsWithinFailTimeout() {
    PassiveHealth health = new PassiveHealth(2, Duration.ofSeconds(10), false);
    long now = 1_000_000_000L;
    health.failure(now);
    assertThat(health.down(now)).isFalse();
    health.failure(now + 1);
    assertThat(health.down(now + 2)).isTrue();
    assertThat(health.down(now + Duration.ofSeconds(11).toNanos())).isFalse();
  }

  @Test
  void failuresFurtherApartThanFailTimeoutDoNotAddUp() {
    PassiveHealth health = new PassiveHealth(2, Duration.ofSeconds(1), false);
    health.failure(0);
    health.failure(Duration.ofSeconds(2).toNanos());
    assertThat(health.down(Duration.ofSeconds(2).toNanos())).isFalse();
  }

  @Test
  void soleServerIsNeverMarkedDown() {
    PassiveHealth health = new PassiveHealth(1, Duration.ofSeconds(10), true);
    health.failure(5);
    assertThat(health.down(6)).isFalse();
  }
}
