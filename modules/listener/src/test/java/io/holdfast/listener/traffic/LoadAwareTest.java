package io.holdfast.listener.traffic;

import static io.holdfast.listener.RawClient.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.bus.LocalCodec;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.listener.RawClient;
import io.holdfast.testkit.TestConfig;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Policies that look at the pools: random-two by requests in flight, and the preference for warm servers. */
class LoadAwareTest {

  private Vertx vertx;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    LocalCodec.register(vertx.eventBus(), ConfigSnapshot.class);
  }

  @AfterEach
  void tearDown() {
    vertx.close().await();
  }

  /** Requests per server when {@code clients} clients each send {@code each} requests back to back. */
  private int[] spread(int port, int servers, int clients, int each) throws Exception {
    AtomicIntegerArray counts = new AtomicIntegerArray(servers);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        running.add(pool.submit(() -> {
          try (RawClient client = RawClient.connect(port)) {
            for (int i = 0; i < each; i++) {
              counts.incrementAndGet(NamedUpstreams.index(client.exchange(get("/")).body()));
            }
          }
          return null;
        }));
      }
      for (Future<?> f : running) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    int[] result = new int[servers];
    for (int i = 0; i < servers; i++) {
      result[i] = counts.get(i);
    }
    return result;
  }

  @Test
  void randomTwoSendsLittleToASlowServerWhereRoundRobinSendsItsShare() throws Exception {
    NamedUpstreams upstreams = new NamedUpstreams(vertx, 3);
    upstreams.slow(0, 100);
    int randomTwo = TrafficTest.start(vertx, TestConfig.proxying(upstreams.ports()).set("upstreams.app.balance", "random-two"));
    int[] byLoad = spread(randomTwo, 3, 12, 40);
    assertThat(byLoad[0]).as("slow server's requests of 480, random-two").isLessThan(48);
    assertThat(byLoad[1]).isGreaterThan(180);
    assertThat(byLoad[2]).isGreaterThan(180);

    int roundRobin = TrafficTest.start(vertx, TestConfig.proxying(upstreams.ports()));
    assertThat(spread(roundRobin, 3, 12, 10)[0]).as("slow server's requests of 120, round-robin").isEqualTo(40);
  }

  @Test
  void leastConnReusesAWarmServerInsteadOfOpeningAConnectionToATiedColdOne() throws Exception {
    NamedUpstreams upstreams = new NamedUpstreams(vertx, 3);
    int port = TrafficTest.start(vertx, TestConfig.proxying(upstreams.ports()).set("upstreams.app.balance", "least-conn"));
    try (RawClient client = RawClient.connect(port)) {
      String first = client.exchange(get("/")).body();
      for (int i = 0; i < 20; i++) {
        // Every server has nothing in flight: a tie, and only the first server has an idle connection.
        assertThat(client.exchange(get("/")).body()).isEqualTo(first);
      }
    }
    assertThat(upstreams.connectionsAccepted()).isEqualTo(1);
  }
}
