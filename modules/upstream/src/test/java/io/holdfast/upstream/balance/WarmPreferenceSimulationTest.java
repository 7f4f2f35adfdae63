package io.holdfast.upstream.balance;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.config.Balance;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Connections opened per 100k requests with and without the warm preference, in a model of one event
 * loop's pools driven by the real balancers: 4 servers, an idle cap per server, nginx's release rule
 * (a connection beyond the cap closes when released: {@code keepalive.linger 0}), exponential service
 * times, and requests arriving at random (Poisson) at a rate that keeps on average just more requests in
 * flight than the pools keep idle. No sockets and no clock, so the count does not depend on how busy the
 * machine is; src/bench/warm-preference.py measures the same with real processes and wrk.
 */
class WarmPreferenceSimulationTest {

  private static final int SERVERS = 4;
  private static final int REQUESTS = 100_000;

  /** Connections opened for {@link #REQUESTS} requests, {@code inFlight} of them in flight on average. */
  static int opened(Balance policy, boolean preferWarm, int idleCap, double inFlight, long seed) {
    Balancer balancer = Balancer.create(policy, FakeServers.servers(1, 1, 1, 1), null, preferWarm);
    FakeServers servers = new FakeServers(SERVERS);
    int[] idle = new int[SERVERS];
    Random random = new Random(seed);
    // completion events: {time, server}; service time exponential with mean 1, so arrivals at rate inFlight
    PriorityQueue<double[]> completions = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
    int opened = 0;
    double now = 0;
    for (int sent = 0; sent < REQUESTS; sent++) {
      now += exponential(random) / inFlight;
      while (!completions.isEmpty() && completions.peek()[0] <= now) {
        int s = (int) completions.poll()[1];
        servers.load[s]--;
        if (idle[s] < idleCap) {
          idle[s]++;
        }
        servers.warm[s] = idle[s] > 0;
      }
      int s = balancer.pick(servers, -1);
      if (idle[s] > 0) {
        idle[s]--;
      } else {
        opened++;
      }
      servers.warm[s] = idle[s] > 0;
      servers.load[s]++;
      completions.add(new double[] {now + exponential(random), s});
    }
    return opened;
  }

  private static double exponential(Random random) {
    return -Math.log(1 - random.nextDouble());
  }

  @Test
  void preferringWarmServersOpensFewerConnectionsJustAboveTheIdleCap() {
    StringBuilder table = new StringBuilder("policy, idle cap per server, mean in flight: opened per 100k with / without\n");
    for (Balance policy : new Balance[] {Balance.LEAST_CONN, Balance.RANDOM_TWO}) {
      for (int cap : new int[] {2, 8, 32}) {
        double inFlight = SERVERS * cap * 1.1;
        int on = opened(policy, true, cap, inFlight, 1);
        int off = opened(policy, false, cap, inFlight, 1);
        table.append(policy.key()).append(", ").append(cap).append(", ").append(inFlight).append(": ")
            .append(on).append(" / ").append(off).append('\n');
        // Measured: least-conn 9967 / 11993 (cap 2) and 497 / 562 (cap 8), the same every run (arrivals are
        // seeded); random-two draws from ThreadLocalRandom: about 13950 / 15700 (cap 2), 950 / 1040 (cap 8).
        if (cap == 2 || (cap == 8 && policy == Balance.LEAST_CONN)) {
          assertThat(on).as("%s cap %d", policy, cap).isLessThan(off * 95 / 100);
        }
      }
    }
    System.out.print(table);
  }
}
