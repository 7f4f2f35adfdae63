package io.holdfast.upstream.balance;

import static io.holdfast.upstream.balance.FakeServers.balancer;
import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.config.Balance;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BalancerTest {

  @Test
  void smoothRoundRobinInterleavesHeavyServerLikeNginx() {
    Balancer balancer = balancer(Balance.ROUND_ROBIN, 5, 1, 1);
    FakeServers servers = new FakeServers(3);
    StringBuilder order = new StringBuilder();
    for (int i = 0; i < 7; i++) {
      order.append((char) ('a' + balancer.pick(servers, -1)));
    }
    assertThat(order).hasToString("aabacaa");
  }

  @Test
  void roundRobinSkipsIneligibleServers() {
    Balancer balancer = balancer(Balance.ROUND_ROBIN, 1, 1, 1);
    FakeServers servers = new FakeServers(3);
    servers.down[1] = true;
    assertThat(servers.spread(balancer, 6)).containsExactly(3, 0, 3);
    servers.down[0] = servers.down[2] = true;
    assertThat(balancer.pick(servers, -1)).isEqualTo(-1);
  }

  @Test
  void leastConnPicksFewestBusyPerWeight() {
    Balancer balancer = balancer(Balance.LEAST_CONN, 1, 2, 1);
    FakeServers servers = new FakeServers(3);
    servers.load[0] = 3;
    servers.load[1] = 4;
    servers.load[2] = 1;
    assertThat(balancer.pick(servers, -1)).isEqualTo(2);
    servers.load[2] = 3;
    // 4/2 = 2 < 3/1
    assertThat(balancer.pick(servers, -1)).isEqualTo(1);
  }

  @Test
  void leastConnSharesTiesByWeightLikeNginx() {
    FakeServers servers = new FakeServers(2);
    assertThat(servers.spread(balancer(Balance.LEAST_CONN, 1, 1), 10)).containsExactly(5, 5);
    assertThat(servers.spread(balancer(Balance.LEAST_CONN, 3, 1), 400)).containsExactly(300, 100);
  }

  @Test
  void leastConnTieGoesToAServerWithAnIdleConnection() {
    FakeServers servers = new FakeServers(3);
    servers.warm[2] = true;
    assertThat(servers.spread(balancer(Balance.LEAST_CONN, 1, 1, 1), 10)).containsExactly(0, 0, 10);
    // ... but never over a server with fewer requests in flight
    servers.load[2] = 1;
    assertThat(servers.spread(balancer(Balance.LEAST_CONN, 1, 1, 1), 10)).containsExactly(5, 5, 0);
    // and without the preference the tie rotates as in nginx
    servers.load[2] = 0;
    Balancer cold = Balancer.create(Balance.LEAST_CONN, FakeServers.servers(1, 1, 1), null, false);
    assertThat(servers.spread(cold, 9)).containsExactly(3, 3, 3);
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
