package io.holdfast.status;

import io.holdfast.bus.AccessLogStats;
import io.holdfast.bus.HealthReport;
import io.holdfast.bus.ListenerStats;
import io.holdfast.bus.RuntimeInfo;
import io.holdfast.bus.ServerStats;
import io.holdfast.bus.StatusClasses;
import io.holdfast.bus.TunnelStats;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.config.FileDescriptorBudget;
import io.holdfast.config.HoldfastConfig;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** The JSON status document (schema in docs/status.md): stub_status's figures and the detail behind them. */
public final class StatusJsonRenderer {

  private StatusJsonRenderer() {
  }

  public static JsonObject render(StatsAggregate aggregate, RuntimeInfo runtime, ConfigSnapshot config, Instant now) {
    ListenerStats total = aggregate.total();
    JsonObject listeners = new JsonObject();
    aggregate.listeners().forEach((name, l) -> listeners.put(name, listener(l)));
    JsonObject upstreams = new JsonObject();
    aggregate.servers().values().forEach(s -> {
      JsonObject upstream = upstreams.getJsonObject(s.upstream());
      if (upstream == null) {
        upstream = new JsonObject().put("servers", new JsonObject());
        upstreams.put(s.upstream(), upstream);
      }
      upstream.getJsonObject("servers").put(s.server(),
          server(s).put("health", health(aggregate.health(new StatsAggregate.ServerKey(s.upstream(), s.server())))));
    });
    return new JsonObject()
        .put("runtime", runtime(runtime, now))
        .put("config", new JsonObject()
            .put("version", config.version())
            .put("appliedAt", config.appliedAt().toString())
            .put("source", config.source()))
        .put("limits", limits(config.config()))
        .put("instances", aggregate.instances())
        .put("connections", new JsonObject()
            .put("active", total.active())
            .put("reading", total.reading())
            .put("writing", total.writing())
            .put("waiting", total.waiting())
            .put("accepted", total.accepted())
            .put("handled", total.handled()))
        .put("requests", total.requests())
        .put("listeners", listeners)
        .put("upstreams", upstreams)
        .put("accessLog", accessLog(aggregate.accessLog()));
  }

  private static JsonObject accessLog(AccessLogStats a) {
    return new JsonObject()
        .put("enabled", a.enabled())
        .put("path", a.path())
        .put("format", a.format())
        .put("written", a.written())
        .put("dropped", a.dropped())
        .put("failed", a.failed())
        .put("reopened", a.reopened());
  }

  /** Counts by status class, every class present: {@code {"1xx": 0, "2xx": 120, …}}. */
  private static JsonObject responses(StatusClasses classes) {
    JsonObject json = new JsonObject();
    for (int i = 0; i < StatusClasses.CODES.size(); i++) {
      json.put(StatusClasses.CODES.get(i), classes.count(i));
    }
    return json;
  }

  private static JsonObject runtime(RuntimeInfo runtime, Instant now) {
    return new JsonObject()
        .put("version", runtime.version())
        .put("transport", runtime.transport())
        .put("transportFallbackReason", runtime.transportFallbackReason())
        .put("startedAt", runtime.startedAt().toString())
        .put("uptimeSeconds", Duration.between(runtime.startedAt(), now).toSeconds());
  }

  /** The open-files limit, what the config may need of it, and the maxConnections derived from it. */
  private static JsonObject limits(HoldfastConfig config) {
    FileDescriptorBudget budget = config.fileDescriptors();
    JsonObject listeners = new JsonObject();
    config.listeners().forEach((name, l) -> listeners.put(name, new JsonObject()
        .put("maxConnections", l.maxConnections())
        .put("set", l.maxConnectionsSet())));
    return new JsonObject()
        .put("fileDescriptors", new JsonObject()
            .put("limit", budget.limit().isPresent() ? budget.limit().getAsLong() : null)
            .put("needed", budget.needed())
            .put("perClientConnection", FileDescriptorBudget.PER_CLIENT_CONNECTION)
            .put("upstreamIdle", budget.upstreamIdle())
            .put("reserved", FileDescriptorBudget.RESERVED)
            .put("fits", budget.fits()))
        .put("maxConnections", new JsonObject()
            .put("default", budget.maxConnectionsDefault())
            .put("lowered", budget.defaultLowered())
            .put("listeners", listeners));
  }

  private static JsonObject listener(ListenerStats l) {
    JsonObject closed = new JsonObject();
    StatsAggregate.CLOSE_REASONS.forEach(r -> closed.put(r, l.closedByReason().getOrDefault(r, 0L)));
    // Reasons a newer listener reports beyond the documented ones are shown rather than lost.
    Map<String, Long> extra = new TreeMap<>(l.closedByReason());
    extra.keySet().removeAll(StatsAggregate.CLOSE_REASONS);
    extra.forEach(closed::put);
    return new JsonObject()
        .put("active", l.active())
        .put("reading", l.reading())
        .put("writing", l.writing())
        .put("waiting", l.waiting())
        .put("accepted", l.accepted())
        .put("handled", l.handled())
        .put("requests", l.requests())
        .put("responses", responses(l.responses()))
        .put("tunnels", l.tunnels())
        .put("closed", closed)
        .put("tls", new JsonObject().put("connections", l.edge().tlsConnections()))
        .put("http2", new JsonObject()
            .put("connections", l.edge().http2Connections())
            .put("streams", l.edge().http2Streams())
            .put("streamsReset", new JsonObject()
                .put("body-timeout", l.edge().streamsCutBodyTimeout())
                .put("send-timeout", l.edge().streamsCutSendTimeout())));
  }

  private static JsonObject server(ServerStats s) {
    return new JsonObject()
        .put("down", s.down())
        .put("downOn", s.downOn())
        .put("open", s.open())
        .put("active", s.active())
        .put("idle", s.idle())
        .put("lingering", s.lingering())
        .put("opened", s.opened())
        .put("closed", s.closed())
        .put("requests", s.requests())
        .put("reused", s.reused())
        .put("reuseRatio", round(s.reuseRatio(), 4))
        .put("retried", s.retried())
        .put("failures", s.failures())
        .put("peakActive", s.peakActive())
        .put("idleClosedByUpstream", s.idleClosedByUpstream())
        .put("keepAliveTimeoutAnnounced", s.keepAliveTimeoutAnnounced() < 0 ? null : s.keepAliveTimeoutAnnounced())
        .put("responses", responses(s.responses()))
        .put("responseTime", new JsonObject()
            .put("avgMs", round(s.responseTimeAvgMillis(), 3))
            .put("maxMs", round(s.responseTimeMaxMillis(), 3)))
        .put("tlsHandshakes", new JsonObject()
            .put("full", s.tlsHandshakesFull())
            .put("resumed", s.tlsHandshakesResumed()))
        .put("tunnels", tunnels(s.tunnels()));
  }

  /** WebSocket and other Upgrade tunnels through the server: apart from the pooled connections above. */
  private static JsonObject tunnels(TunnelStats t) {
    JsonObject closed = new JsonObject();
    t.closedByReason().forEach(closed::put);
    return new JsonObject()
        .put("open", t.open())
        .put("opened", t.opened())
        .put("bytesToUpstream", t.bytesToUpstream())
        .put("bytesToClient", t.bytesToClient())
        .put("closed", closed);
  }

  /** The health owner's word on a server: null when it did not answer. */
  private static JsonObject health(HealthReport.Server h) {
    if (h == null) {
      return null;
    }
    HealthReport.Probe last = h.lastProbe();
    JsonObject lastProbe = last == null ? null : new JsonObject()
        .put("at", last.at().toString())
        .put("status", last.status() == 0 ? null : last.status())
        .put("error", last.error())
        .put("durationMs", round(last.durationMillis(), 3))
        .put("passed", last.passed());
    HealthReport.ProbeCounts probes = h.probes();
    return new JsonObject()
        .put("state", h.up() ? "up" : "down")
        .put("source", h.source())
        .put("since", h.since() == null ? null : h.since().toString())
        .put("checks", h.checked())
        .put("passiveUntil", h.passiveUntil() == null ? null : h.passiveUntil().toString())
        .put("lastProbe", lastProbe)
        .put("probes", new JsonObject().put("passed", probes.passed()).put("badStatus", probes.badStatus())
            .put("error", probes.error()).put("timeout", probes.timeout()));
  }

  private static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}
