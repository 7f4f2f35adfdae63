package io.holdfast.status;

import io.holdfast.bus.HealthReport;
import io.holdfast.bus.InstanceStats;
import io.holdfast.bus.ListenerStats;
import io.holdfast.bus.RuntimeInfo;
import io.holdfast.bus.ServerStats;
import io.holdfast.bus.TunnelStats;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.testkit.TestConfig;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Hand-built counters and configs for status tests. */
final class Samples {

  static final RuntimeInfo RUNTIME = new RuntimeInfo("1.2.3", "epoll", "io_uring: blocked by seccomp",
      Instant.parse("2026-01-01T00:00:00Z"));

  private Samples() {
  }

  static ListenerStats listener(String name, long accepted, long handled, long requests, int reading, int writing,
      int waiting, Map<String, Long> closed) {
    return new ListenerStats(name, accepted, handled, requests, reading + writing + waiting, reading, writing,
        waiting, closed);
  }

  static ServerStats pool(String upstream, String server, boolean down, int active, int idle, long requests,
      long reused, long failures, long rtTotalNanos, long rtMaxNanos) {
    // TLS: one full handshake per instance, the other connections resumed.
    return new ServerStats(upstream, server, 1, down ? 1 : 0, active + idle, active, idle, 0, requests - reused, 1,
        requests, reused, 2, failures, rtTotalNanos, rtMaxNanos, 0, 0, 0, ServerStats.NOT_ANNOUNCED, null, 1,
        requests - reused - 1);
  }

  static InstanceStats instanceA() {
    return new InstanceStats("a",
        List.of(listener("main", 10, 10, 100, 1, 2, 3, Map.of("idle-timeout", 4L, "client", 1L, "body-timeout", 2L)),
            listener("alt", 5, 4, 20, 0, 0, 1, Map.of("refused", 1L))),
        List.of(pool("app", "127.0.0.1:8000", false, 2, 3, 100, 90, 1, 100_000_000L, 5_000_000L)));
  }

  static InstanceStats instanceB() {
    return new InstanceStats("b",
        List.of(listener("main", 7, 7, 50, 0, 1, 1, Map.of("idle-timeout", 2L, "requests-limit", 3L))),
        List.of(pool("app", "127.0.0.1:8000", true, 1, 1, 50, 40, 0, 50_000_000L, 9_000_000L)));
  }

  /** An instance with {@code open} WebSocket tunnels on listener "main" to server 127.0.0.1:8000 of "app". */
  static InstanceStats tunnelled(String id, int open, TunnelStats tunnels) {
    ServerStats plain = pool("app", "127.0.0.1:8000", false, 0, 1, 10, 5, 0, 1_000_000L, 500_000L);
    ServerStats server = new ServerStats(plain.upstream(), plain.server(), 1, 0, plain.open(), plain.active(),
        plain.idle(), 0, plain.opened(), plain.closed(), plain.requests(), plain.reused(), plain.retried(),
        plain.failures(), plain.responseTimeNanosTotal(), plain.responseTimeNanosMax(), 0, 0, 0,
        ServerStats.NOT_ANNOUNCED, null, 0, 0, null, tunnels);
    ListenerStats listener = new ListenerStats("main", 3, 3, 3, open, 0, open, 0, Map.of("upstream", 1L), null, open);
    return new InstanceStats(id, List.of(listener), List.of(server));
  }

  /** The health owner's report on the server of {@link #instanceA()}: down on probes, last probe a 503. */
  static HealthReport health() {
    HealthReport.Probe last = new HealthReport.Probe(Instant.parse("2026-01-01T00:59:58Z"), 1_500_000, 503, null, false);
    return new HealthReport(7, List.of(new HealthReport.Server("app", "127.0.0.1:8000", false, HealthReport.SOURCE_PROBE,
        Instant.parse("2026-01-01T00:59:50Z"), true, true, 0, 0, null, last, new HealthReport.ProbeCounts(40, 3, 1, 2))));
  }

  static ConfigSnapshot snapshot(long version, int listenerPort) {
    return snapshot(version, listenerPort, "app");
  }

  /** A config whose single listener routes to {@code upstream}; only the listener part matters to status. */
  static ConfigSnapshot snapshot(long version, int listenerPort, String upstream) {
    return TestConfig.create().upstream(upstream, 8000).listener("main", listenerPort, upstream)
        .set("listeners.main.maxConnections", 100)
        .snapshot(version, Instant.parse("2026-01-01T00:00:05Z"), "file");
  }
}
