package io.holdfast.upstream.balance;

import static io.holdfast.upstream.balance.FakeServers.balancer;
import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.config.Balance;
import org.junit.jupiter.api.Test;

class RandomTwoTest {

  @Test
  void anIdleUpstreamSpreadsByWeight() {
    FakeServers servers = new FakeServers(2);
    int[] counts = servers.spread(balancer(Balance.RANDOM_TWO, 3, 1), 40_000);
    assertThat(counts[0] / 40_000.0).isCloseTo(0.75, org.assertj.core.data.Offset.offset(0.03));
  }

  @Test
  void theLessLoadedOfTwoCandidatesWins() {
    FakeServers servers = new FakeServers(4);
    servers.load[0] = 10;
    servers.load[1] = 10;
    servers.load[2] = 10;
    int[] counts = servers.spread(balancer(Balance.RANDOM_TWO, 1, 1, 1, 1), 10_000);
    // server 3 is in a pair half the time (1 - 3/4 * 2/3) and then always wins; otherwise ties spread evenly
    assertThat(counts[3] / 10_000.0).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.03));
    assertThat(counts[0]).isBetween(1300, 2000);
  }

  @Test
  void loadIsComparedPerWeight() {
    FakeServers servers = new FakeServers(2);
    servers.load[0] = 5;
    servers.load[1] = 2;
    // 5/3 < 2/1
    assertThat(servers.spread(balancer(Balance.RANDOM_TWO, 3, 1), 100)).containsExactly(100, 0);
  }

  @Test
  void aWarmCandidateBeatsAColdOne() {
    FakeServers servers = new FakeServers(2);
    servers.load[0] = 4;
    servers.warm[0] = true;
    assertThat(servers.spread(balancer(Balance.RANDOM_TWO, 1, 1), 100)).containsExactly(100, 0);
    Balancer cold = Balancer.create(Balance.RANDOM_TWO, FakeServers.servers(1, 1), null, false);
    assertThat(servers.spread(cold, 100)).containsExactly(0, 100);
  }

  @Test
  void ineligibleServersAreNeverPickedAndNoneLeftGivesMinusOne() {
    FakeServers servers = new FakeServers(3);
    servers.down[1] = true;
    assertThat(servers.spread(balancer(Balance.RANDOM_TWO, 1, 1, 1), 300)[1]).isZero();
    servers.down[0] = true;
    assertThat(servers.spread(balancer(Balance.RANDOM_TWO, 1, 1, 1), 30)).containsExactly(0, 0, 30);
    servers.down[2] = true;
    assertThat(balancer(Balance.RANDOM_TWO, 1, 1, 1).pick(servers, -1)).isEqualTo(-1);
  }
}
