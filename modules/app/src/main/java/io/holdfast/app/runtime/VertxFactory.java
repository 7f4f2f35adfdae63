package io.holdfast.app.runtime;

import io.holdfast.config.HoldfastConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;

/**
 * Builds the one {@link Vertx} of the process: the chosen transport, enough event loops for every
 * listener instance to own one, and Micrometer metrics with a Prometheus backend (the status module
 * finds it through {@code BackendRegistries.getDefaultNow()} and serves it on {@code /metrics}).
 * {@code -Dvertx.disableMetrics=true} (Vert.x's own switch) leaves Vert.x's meters out; Holdfast's
 * counters, which {@code /status} needs, are kept and still served on {@code /metrics}.
 */
public final class VertxFactory {

  private VertxFactory() {
  }

  /** Vert.x's documented system property; read here because the metrics factory is named explicitly. */
  public static final String DISABLE_METRICS_PROPERTY = "vertx.disableMetrics";

  public static Vertx create(HoldfastConfig config, TransportChoice transport) {
    return create(config, transport, !Boolean.getBoolean(DISABLE_METRICS_PROPERTY));
  }

  static Vertx create(HoldfastConfig config, TransportChoice transport, boolean vertxMetrics) {
    return builder(config, transport, vertxMetrics, new EventBusOptions()).build();
  }

  /**
   * As {@link #create}, not yet built: a clustered start adds its cluster manager and builds clustered, with
   * {@code bus} (the clustered event bus's host and port) in its options.
   */
  public static VertxBuilder builder(HoldfastConfig config, TransportChoice transport, EventBusOptions bus) {
    return builder(config, transport, !Boolean.getBoolean(DISABLE_METRICS_PROPERTY), bus);
  }

  private static VertxBuilder builder(HoldfastConfig config, TransportChoice transport, boolean vertxMetrics,
      EventBusOptions bus) {
    VertxOptions options = new VertxOptions().setEventLoopPoolSize(eventLoops(config.instances()))
        .setEventBusOptions(bus);
    if (!vertxMetrics) {
      return Vertx.builder().with(options).withTransport(transport.transport());
    }
    options.setMetricsOptions(new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        // Vert.x 5.0.10's HTTP metrics look up (and build a Meter.Id for) tagged meters on every request:
        // on the client side two thirds of all allocation, on the server side ~7 % of the event loop's
        // CPU, measured with JFR. The listeners and upstream pools count the same facts in plain fields
        // (holdfast_client_*, holdfast_upstream_*), so both categories stay off.
        .addDisabledMetricsCategory(MetricsDomain.HTTP_CLIENT)
        .addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER)
        // Vert.x's event-bus metrics register their gauges again for every consumer registered and every
        // message received (VertxEventBusMetrics.HandlerMetric / messageReceived: one LongAdder shared per
        // meter id), and Micrometer ≥ 1.13.9 logs a WARNING at the first re-registration ("This Gauge has
        // been already registered (vertx.eventbus.handlers)"): every start warned. Known upstream
        // (vert-x3/vertx-micrometer-metrics#259, micrometer-metrics/micrometer#6931), no fix released.
        // Holdfast's bus carries control messages only, so its meters are not worth a warning per start.
        .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)
        // Plain TCP is only ever the clustered event bus (listeners and upstreams are HTTP), and its meters hit
        // the same re-registration WARNING at every connection between nodes.
        .addDisabledMetricsCategory(MetricsDomain.NET_CLIENT)
        .addDisabledMetricsCategory(MetricsDomain.NET_SERVER)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
    // The factory is named explicitly: a shaded jar whose service files were merged wrongly would
    // otherwise run without metrics and nobody would notice until /metrics came back empty.
    return Vertx.builder()
        .with(options)
        .withMetrics(new MicrometerMetricsFactory())
        .withTransport(transport.transport());
  }

  /**
   * One event loop per listener instance at least; never fewer than the cores, since the control-plane
   * verticles and the built-in origin need loops too and would otherwise share a busy listener's.
   */
  public static int eventLoops(int instances) {
    return Math.max(instances, Runtime.getRuntime().availableProcessors());
  }
}
