package io.holdfast.status;

import io.holdfast.bus.StatusMediaTypes;
import io.holdfast.status.StatsAggregate.ServerKey;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.micrometer.backends.BackendRegistries;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Holdfast's own meters in the Prometheus registry Vert.x reports to. Each meter reads the latest
 * collected {@link StatsAggregate}: the owner collects, calls {@link #update}, then {@link #scrape}s, so
 * no meter is touched on the request path. Meters appear with the first listener or server that reports
 * and are removed when it no longer does: a {@link ListenerMeters} family per listener, a {@link ServerMeters}
 * family per upstream server. The response-time histogram is not a Micrometer meter but a
 * {@link ResponseSecondsCollector} on the same Prometheus registry, reading the same aggregate.
 */
public final class HoldfastMeters implements AutoCloseable {

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
    aggregate.listeners().keySet()
        .forEach(l -> listenerMeters.computeIfAbsent(l, name -> new ListenerMeters(this, name).meters()));
    aggregate.servers().keySet()
        .forEach(k -> serverMeters.computeIfAbsent(k, key -> new ServerMeters(this, key).meters()));
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

  /** The aggregate every meter reads: the one last given to {@link #update}. */
  StatsAggregate latest() {
    return latest;
  }

  Meter gauge(String name, String help, Reading reading, String... tags) {
    return Gauge.builder(name, reading, Reading::read).description(help).tags(tags).strongReference(true)
        .register(registry);
  }

  Meter counter(String name, String help, Reading reading, String... tags) {
    // FunctionCounter holds its object weakly: make it this instance, which its owner keeps alive.
    return FunctionCounter.builder(name, this, self -> reading.read()).description(help).tags(tags)
        .register(registry);
  }

  private boolean remove(List<Meter> meters) {
    meters.forEach(registry::remove);
    return true;
  }

  /** One figure read from the latest aggregate. */
  @FunctionalInterface
  interface Reading {
    double read();
  }
}

