package io.holdfast.status;

import io.holdfast.bus.HealthReport;
import io.holdfast.bus.ServerStats;
import io.holdfast.bus.StatusClasses;
import io.holdfast.bus.TunnelStats;
import io.holdfast.status.StatsAggregate.ServerKey;
import io.micrometer.core.instrument.Meter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The {@code holdfast.upstream.*} and {@code holdfast.tunnel(s).*} meters of one upstream server, all tagged
 * {@code upstream} and {@code server}: pool connections by state, up/down as the health owner sees it, probes
 * by result, requests, reuse, retries, failures, responses by status class, TLS handshakes, and the tunnels
 * to it. Each reads the server's entry of the latest aggregate, 0 once it is gone.
 */
final class ServerMeters {

  private static final List<String> PROBE_RESULTS = List.of("passed", "bad_status", "error", "timeout");

  private final HoldfastMeters on;
  private final ServerKey key;
  private final List<Meter> meters = new ArrayList<>();

  ServerMeters(HoldfastMeters on, ServerKey key) {
    this.on = on;
    this.key = key;
    String[] tags = {"upstream", key.upstream(), "server", key.server()};
    ToDoubleFunction<ToDoubleFunction<ServerStats>> read = f -> {
      ServerStats s = on.latest().servers().get(key);
      return s == null ? 0 : f.applyAsDouble(s);
    };
    meters.add(on.gauge("holdfast.upstream.connections", "Upstream connections by state",
        () -> read.applyAsDouble(ServerStats::active), with(tags, "state", "active")));
    meters.add(on.gauge("holdfast.upstream.connections", "Upstream connections by state",
        () -> read.applyAsDouble(ServerStats::idle), with(tags, "state", "idle")));
    meters.add(on.gauge("holdfast.upstream.connections", "Upstream connections by state",
        () -> read.applyAsDouble(ServerStats::lingering), with(tags, "state", "lingering")));
    meters.add(on.gauge("holdfast.upstream.server.down", "1 when any instance marks the server down",
        () -> read.applyAsDouble(s -> s.down() ? 1 : 0), tags));
    meters.add(on.gauge("holdfast.upstream.server.up",
        "1 when the server takes traffic: not down on active probes, no passive mark in force",
        this::up, tags));
    for (String result : PROBE_RESULTS) {
      meters.add(on.counter("holdfast.upstream.health.probes", "Active health probes, by result",
          () -> probes(result), with(tags, "result", result)));
    }
    meters.add(on.counter("holdfast.upstream.connections.opened", "Upstream connections opened",
        () -> read.applyAsDouble(ServerStats::opened), tags));
    meters.add(on.counter("holdfast.upstream.connections.closed", "Upstream connections closed",
        () -> read.applyAsDouble(ServerStats::closed), tags));
    meters.add(on.counter("holdfast.upstream.requests", "Requests sent upstream",
        () -> read.applyAsDouble(ServerStats::requests), tags));
    meters.add(on.counter("holdfast.upstream.requests.reused", "Upstream requests sent on a reused connection",
        () -> read.applyAsDouble(ServerStats::reused), tags));
    meters.add(on.counter("holdfast.upstream.requests.retried", "Upstream requests retried on a new connection",
        () -> read.applyAsDouble(ServerStats::retried), tags));
    meters.add(on.counter("holdfast.upstream.failures", "Upstream requests that got no response",
        () -> read.applyAsDouble(ServerStats::failures), tags));
    for (int i = 0; i < StatusClasses.CODES.size(); i++) {
      int index = i;
      meters.add(on.counter("holdfast.upstream.responses", "Responses received from upstream servers, by status class",
          () -> read.applyAsDouble(s -> s.responses().count(index)), with(tags, "code", StatusClasses.CODES.get(i))));
    }
    meters.add(on.counter("holdfast.upstream.tls.handshakes", "TLS handshakes of new upstream connections, by kind",
        () -> read.applyAsDouble(ServerStats::tlsHandshakesFull), with(tags, "kind", "full")));
    meters.add(on.counter("holdfast.upstream.tls.handshakes", "TLS handshakes of new upstream connections, by kind",
        () -> read.applyAsDouble(ServerStats::tlsHandshakesResumed), with(tags, "kind", "resumed")));
    addTunnels(tags, f -> read.applyAsDouble(s -> f.applyAsDouble(s.tunnels())));
  }

  List<Meter> meters() {
    return meters;
  }

  private void addTunnels(String[] tags, ToDoubleFunction<ToDoubleFunction<TunnelStats>> read) {
    meters.add(on.gauge("holdfast.tunnels.open", "Open tunnels (WebSocket, any Upgrade) to the server",
        () -> read.applyAsDouble(TunnelStats::open), tags));
    meters.add(on.counter("holdfast.tunnels.opened", "Tunnels opened to the server (upstream answered 101)",
        () -> read.applyAsDouble(TunnelStats::opened), tags));
    meters.add(on.counter("holdfast.tunnel.bytes", "Bytes relayed through tunnels, by direction",
        () -> read.applyAsDouble(TunnelStats::bytesToUpstream), with(tags, "direction", "to_upstream")));
    meters.add(on.counter("holdfast.tunnel.bytes", "Bytes relayed through tunnels, by direction",
        () -> read.applyAsDouble(TunnelStats::bytesToClient), with(tags, "direction", "to_client")));
    for (String reason : TunnelStats.CLOSE_REASONS) {
      meters.add(on.counter("holdfast.tunnels.closed", "Tunnels closed, by who or what ended them",
          () -> read.applyAsDouble(t -> t.closedByReason().get(reason)), with(tags, "reason", reason)));
    }
  }

  /** The health owner's verdict; without one, whether no instance marks the server down. */
  private double up() {
    StatsAggregate latest = on.latest();
    HealthReport.Server health = latest.health(key);
    if (health != null) {
      return health.up() ? 1 : 0;
    }
    ServerStats s = latest.servers().get(key);
    return s == null || s.down() ? 0 : 1;
  }

  private double probes(String result) {
    HealthReport.Server health = on.latest().health(key);
    if (health == null) {
      return 0;
    }
    HealthReport.ProbeCounts counts = health.probes();
    return switch (result) {
      case "passed" -> counts.passed();
      case "bad_status" -> counts.badStatus();
      case "error" -> counts.error();
      default -> counts.timeout();
    };
  }

  private static String[] with(String[] tags, String key, String value) {
    String[] all = Arrays.copyOf(tags, tags.length + 2);
    all[tags.length] = key;
    all[tags.length + 1] = value;
    return all;
  }
}
