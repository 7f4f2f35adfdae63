package io.holdfast.status;

import io.holdfast.bus.HealthReport;
import io.holdfast.bus.ListenerStats;
import io.holdfast.bus.ServerStats;
import io.holdfast.bus.StatusClasses;
import io.holdfast.bus.StatusMediaTypes;
import io.holdfast.bus.TunnelStats;
import io.holdfast.status.StatsAggregate.ServerKey;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.micrometer.backends.BackendRegistries;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Holdfast's own meters in the Prometheus registry Vert.x reports to. Each meter reads the latest
 * collected {@link StatsAggregate}: the owner collects, calls {@link #update}, then {@link #scrape}s, so
 * no meter is touched on the request path. Meters appear with the first listener or server that reports
 * and are removed when it no longer does. The response-time histogram is not a Micrometer meter but a
 * {@link ResponseSecondsCollector} on the same Prometheus registry, reading the same aggregate.
 */
public final class HoldfastMeters implements AutoCloseable {

  private static final List<String> CLIENT_STATES = List.of("reading", "writing", "waiting");
  private static final List<String> PROBE_RESULTS = List.of("passed", "bad_status", "error", "timeout");

  private final PrometheusMeterRegistry registry;
  private final Map<String, List<Meter>> listenerMeters = new HashMap<>();
  private final Map<ServerKey, List<Meter>> serverMeters = new HashMap<>();
  private final List<Meter> accessLogMeters;
  private final ResponseSecondsCollector responseSeconds;
  private volatile StatsAggregate latest = StatsAggregate.empty();

  private HoldfastMeters(PrometheusMeterRegistry registry) {
    this.registry = registry;
    this.accessLogMeters = List.of(
        counter("holdfast.access.log.lines.written", "Access log lines written",
            () -> latest.accessLog().written()),
        counter("holdfast.access.log.lines.dropped", "Access log lines dropped: an event loop's queue was full",
            () -> latest.accessLog().dropped()),
        counter("holdfast.access.log.lines.failed", "Access log lines lost to a file that could not be opened or written",
            () -> latest.accessLog().failed()));
    this.responseSeconds = new ResponseSecondsCollector(() -> latest);
    registry.getPrometheusRegistry().register(responseSeconds);
  }

  /** On Vert.x's default Prometheus registry when metrics are enabled, else on a registry of its own. */
  public static HoldfastMeters create() {
    MeterRegistry vertxRegistry = BackendRegistries.getDefaultNow();
    if (vertxRegistry instanceof PrometheusMeterRegistry prometheus) {
      return new HoldfastMeters(prometheus);
    }
    return new HoldfastMeters(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  public static HoldfastMeters on(PrometheusMeterRegistry registry) {
    return new HoldfastMeters(registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Makes {@code aggregate} the figures every meter reports, registering meters for new keys. */
  public void update(StatsAggregate aggregate) {
    latest = aggregate;
    aggregate.listeners().keySet().forEach(l -> listenerMeters.computeIfAbsent(l, this::registerListener));
    aggregate.servers().keySet().forEach(k -> serverMeters.computeIfAbsent(k, this::registerServer));
    listenerMeters.entrySet().removeIf(e -> !aggregate.listeners().containsKey(e.getKey()) && remove(e.getValue()));
    serverMeters.entrySet().removeIf(e -> !aggregate.servers().containsKey(e.getKey()) && remove(e.getValue()));
  }

  /** The whole registry in Prometheus text format 0.0.4 ({@link StatusMediaTypes#PROMETHEUS}). */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    // A shared registry outlives this verticle; leaving meters behind would pin stale readings.
    listenerMeters.values().forEach(this::remove);
    serverMeters.values().forEach(this::remove);
    listenerMeters.clear();
    serverMeters.clear();
    remove(accessLogMeters);
    registry.getPrometheusRegistry().unregister(responseSeconds);
  }

  private List<Meter> registerListener(String name) {
    List<Meter> meters = new ArrayList<>();
    ToDoubleFunction<ToDoubleFunction<ListenerStats>> read = f -> {
      ListenerStats l = latest.listeners().get(name);
      return l == null ? 0 : f.applyAsDouble(l);
    };
    for (String state : CLIENT_STATES) {
      ToDoubleFunction<ListenerStats> f = switch (state) {
        case "reading" -> ListenerStats::reading;
        case "writing" -> ListenerStats::writing;
        default -> ListenerStats::waiting;
      };
      meters.add(gauge("holdfast.client.connections", "Client connections by state", () -> read.applyAsDouble(f),
          "listener", name, "state", state));
    }
    meters.add(counter("holdfast.client.connections.accepted", "Client connections accepted",
        () -> read.applyAsDouble(ListenerStats::accepted), "listener", name));
    meters.add(counter("holdfast.client.connections.handled", "Client connections not refused",
        () -> read.applyAsDouble(ListenerStats::handled), "listener", name));
    meters.add(counter("holdfast.client.requests", "Client requests",
        () -> read.applyAsDouble(ListenerStats::requests), "listener", name));
    for (int i = 0; i < StatusClasses.CODES.size(); i++) {
      int index = i;
      meters.add(counter("holdfast.client.responses", "Responses sent to clients, by status class",
          () -> read.applyAsDouble(l -> l.responses().count(index)), "listener", name, "code", StatusClasses.CODES.get(i)));
    }
    for (String reason : StatsAggregate.CLOSE_REASONS) {
      meters.add(counter("holdfast.client.connections.closed", "Client connections closed, by reason",
          () -> read.applyAsDouble(l -> l.closedByReason().getOrDefault(reason, 0L)),
          "listener", name, "reason", reason));
    }
    meters.add(gauge("holdfast.client.tunnels", "Client connections open as tunnels (WebSocket, any Upgrade)",
        () -> read.applyAsDouble(ListenerStats::tunnels), "listener", name));
    meters.add(gauge("holdfast.client.connections.protocol", "Open client connections by protocol",
        () -> read.applyAsDouble(l -> l.edge().tlsConnections()), "listener", name, "protocol", "tls"));
    meters.add(gauge("holdfast.client.connections.protocol", "Open client connections by protocol",
        () -> read.applyAsDouble(l -> l.edge().http2Connections()), "listener", name, "protocol", "h2"));
    meters.add(counter("holdfast.client.http2.streams", "HTTP/2 streams served (each is also a request)",
        () -> read.applyAsDouble(l -> l.edge().http2Streams()), "listener", name));
    meters.add(counter("holdfast.client.http2.streams.reset", "HTTP/2 streams reset for a client timeout",
        () -> read.applyAsDouble(l -> l.edge().streamsCutBodyTimeout()), "listener", name, "reason", "body-timeout"));
    meters.add(counter("holdfast.client.http2.streams.reset", "HTTP/2 streams reset for a client timeout",
        () -> read.applyAsDouble(l -> l.edge().streamsCutSendTimeout()), "listener", name, "reason", "send-timeout"));
    return meters;
  }

  private List<Meter> registerServer(ServerKey key) {
    List<Meter> meters = new ArrayList<>();
    String[] tags = {"upstream", key.upstream(), "server", key.server()};
    ToDoubleFunction<ToDoubleFunction<ServerStats>> read = f -> {
      ServerStats s = latest.servers().get(key);
      return s == null ? 0 : f.applyAsDouble(s);
    };
    meters.add(gauge("holdfast.upstream.connections", "Upstream connections by state",
        () -> read.applyAsDouble(ServerStats::active), with(tags, "state", "active")));
    meters.add(gauge("holdfast.upstream.connections", "Upstream connections by state",
        () -> read.applyAsDouble(ServerStats::idle), with(tags, "state", "idle")));
    meters.add(gauge("holdfast.upstream.connections", "Upstream connections by state",
        () -> read.applyAsDouble(ServerStats::lingering), with(tags, "state", "lingering")));
    meters.add(gauge("holdfast.upstream.server.down", "1 when any instance marks the server down",
        () -> read.applyAsDouble(s -> s.down() ? 1 : 0), tags));
    meters.add(gauge("holdfast.upstream.server.up",
        "1 when the server takes traffic: not down on active probes, no passive mark in force",
        () -> up(key), tags));
    for (String result : PROBE_RESULTS) {
      meters.add(counter("holdfast.upstream.health.probes", "Active health probes, by result",
          () -> probes(key, result), with(tags, "result", result)));
    }
    meters.add(counter("holdfast.upstream.connections.opened", "Upstream connections opened",
        () -> read.applyAsDouble(ServerStats::opened), tags));
    meters.add(counter("holdfast.upstream.connections.closed", "Upstream connections closed",
        () -> read.applyAsDouble(ServerStats::closed), tags));
    meters.add(counter("holdfast.upstream.requests", "Requests sent upstream",
        () -> read.applyAsDouble(ServerStats::requests), tags));
    meters.add(counter("holdfast.upstream.requests.reused", "Upstream requests sent on a reused connection",
        () -> read.applyAsDouble(ServerStats::reused), tags));
    meters.add(counter("holdfast.upstream.requests.retried", "Upstream requests retried on a new connection",
        () -> read.applyAsDouble(ServerStats::retried), tags));
    meters.add(counter("holdfast.upstream.failures", "Upstream requests that got no response",
        () -> read.applyAsDouble(ServerStats::failures), tags));
    for (int i = 0; i < StatusClasses.CODES.size(); i++) {
      int index = i;
      meters.add(counter("holdfast.upstream.responses", "Responses received from upstream servers, by status class",
          () -> read.applyAsDouble(s -> s.responses().count(index)), with(tags, "code", StatusClasses.CODES.get(i))));
    }
    meters.add(counter("holdfast.upstream.tls.handshakes", "TLS handshakes of new upstream connections, by kind",
        () -> read.applyAsDouble(ServerStats::tlsHandshakesFull), with(tags, "kind", "full")));
    meters.add(counter("holdfast.upstream.tls.handshakes", "TLS handshakes of new upstream connections, by kind",
        () -> read.applyAsDouble(ServerStats::tlsHandshakesResumed), with(tags, "kind", "resumed")));
    registerTunnels(meters, tags, f -> read.applyAsDouble(s -> f.applyAsDouble(s.tunnels())));
    return meters;
  }

  private void registerTunnels(List<Meter> meters, String[] tags, ToDoubleFunction<ToDoubleFunction<TunnelStats>> read) {
    meters.add(gauge("holdfast.tunnels.open", "Open tunnels (WebSocket, any Upgrade) to the server",
        () -> read.applyAsDouble(TunnelStats::open), tags));
    meters.add(counter("holdfast.tunnels.opened", "Tunnels opened to the server (upstream answered 101)",
        () -> read.applyAsDouble(TunnelStats::opened), tags));
    meters.add(counter("holdfast.tunnel.bytes", "Bytes relayed through tunnels, by direction",
        () -> read.applyAsDouble(TunnelStats::bytesToUpstream), with(tags, "direction", "to_upstream")));
    meters.add(counter("holdfast.tunnel.bytes", "Bytes relayed through tunnels, by direction",
        () -> read.applyAsDouble(TunnelStats::bytesToClient), with(tags, "direction", "to_client")));
    for (String reason : TunnelStats.CLOSE_REASONS) {
      meters.add(counter("holdfast.tunnels.closed", "Tunnels closed, by who or what ended them",
          () -> read.applyAsDouble(t -> t.closedByReason().get(reason)), with(tags, "reason", reason)));
    }
  }

  /** The health owner's verdict; without one, whether no instance marks the server down. */
  private double up(ServerKey key) {
    HealthReport.Server health = latest.health(key);
    if (health != null) {
      return health.up() ? 1 : 0;
    }
    ServerStats s = latest.servers().get(key);
    return s == null || s.down() ? 0 : 1;
  }

  private double probes(ServerKey key, String result) {
    HealthReport.Server health = latest.health(key);
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

  private Meter gauge(String name, String help, Reading reading, String... tags) {
    return Gauge.builder(name, reading, Reading::read).description(help).tags(tags).strongReference(true)
        .register(registry);
  }

  private Meter counter(String name, String help, Reading reading, String... tags) {
    // FunctionCounter holds its object weakly: make it this instance, which its owner keeps alive.
    return FunctionCounter.builder(name, this, self -> reading.read()).description(help).tags(tags)
        .register(registry);
  }

  private boolean remove(List<Meter> meters) {
    meters.forEach(registry::remove);
    return true;
  }

  private static String[] with(String[] tags, String key, String value) {
    String[] all = java.util.Arrays.copyOf(tags, tags.length + 2);
    all[tags.length] = key;
    all[tags.length + 1] = value;
    return all;
  }

  /** One figure read from the latest aggregate. */
  @FunctionalInterface
  private interface Reading {
    double read();
  }
}

