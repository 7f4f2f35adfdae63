package io.holdfast.status;

import io.holdfast.bus.InstanceStats;
import io.holdfast.bus.ListenerStats;
import io.holdfast.bus.RuntimeInfo;
import io.holdfast.bus.ServerPoolStats;
import io.holdfast.config.AdminConfig;
import io.holdfast.config.ClientKeepalive;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.config.HoldfastConfig;
import io.holdfast.config.ListenerConfig;
import io.holdfast.config.OriginConfig;
import io.holdfast.config.ReloadConfig;
import io.holdfast.config.RouteConfig;
import io.holdfast.config.Transport;
import java.time.Duration;
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

  static ServerPoolStats pool(String upstream, String server, boolean down, int active, int idle, long requests,
      long reused, long failures, long rtTotalNanos, long rtMaxNanos) {
    return new ServerPoolStats(upstream, server, down, active + idle, active, idle, 0, requests - reused, 1,
        requests, reused, 2, failures, rtTotalNanos, rtMaxNanos);
  }

  static InstanceStats instanceA() {
    return new InstanceStats("a",
        List.of(listener("main", 10, 10, 100, 1, 2, 3, Map.of("idle-timeout", 4L, "client", 1L)),
            listener("alt", 5, 4, 20, 0, 0, 1, Map.of("refused", 1L))),
        List.of(pool("app", "127.0.0.1:8000", false, 2, 3, 100, 90, 1, 100_000_000L, 5_000_000L)));
  }

  static InstanceStats instanceB() {
    return new InstanceStats("b",
        List.of(listener("main", 7, 7, 50, 0, 1, 1, Map.of("idle-timeout", 2L, "requests-limit", 3L))),
        List.of(pool("app", "127.0.0.1:8000", true, 1, 1, 50, 40, 0, 50_000_000L, 9_000_000L)));
  }

  static ConfigSnapshot snapshot(long version, int listenerPort) {
    return snapshot(version, listenerPort, "app");
  }

  /** A config whose single listener routes to {@code upstream}; only the listener part matters to status. */
  static ConfigSnapshot snapshot(long version, int listenerPort, String upstream) {
    ListenerConfig main = new ListenerConfig("main", "127.0.0.1", listenerPort, ClientKeepalive.defaults(), 100,
        8192, 8192, List.of(new RouteConfig("/", upstream, null)));
    HoldfastConfig config = new HoldfastConfig(1, Transport.NIO, Duration.ofSeconds(1), Map.of("main", main),
        Map.of(), new AdminConfig("127.0.0.1", 0, null), new ReloadConfig(false, Duration.ofSeconds(1)),
        new OriginConfig(false, "127.0.0.1", 8000));
    return new ConfigSnapshot(version, Instant.parse("2026-01-01T00:00:05Z"), "file", config);
  }
}
