package io.holdfast.status.history;

import io.holdfast.bus.ListenerStats;
import io.holdfast.bus.ServerStats;
import io.vertx.core.json.JsonObject;

/**
 * One interval of the history as the dashboard charts it: per listener and per upstream server, the
 * gauges at the end of the interval and the rates over it (schema in docs/dashboard.md). A figure that
 * cannot be had (no earlier sample, no request in the interval) is null.
 */
public final class RatesJson {

  private RatesJson() {
  }

  /** The interval from {@code before} (null for the first sample: rates are null) to {@code after}. */
  public static JsonObject render(StatsSample before, StatsSample after) {
    double seconds = before == null ? 0 : after.secondsSince(before);
    JsonObject listeners = new JsonObject();
    after.listeners().forEach((name, now) -> {
      ListenerStats then = before == null ? now : before.listeners().get(name);
      listeners.put(name, listener(ListenerDelta.between(then, now, seconds)));
    });
    JsonObject upstreams = new JsonObject();
    after.servers().forEach((id, now) -> {
      ServerStats then = before == null ? now : before.servers().get(id);
      JsonObject upstream = upstreams.getJsonObject(id.upstream());
      if (upstream == null) {
        upstream = new JsonObject().put("servers", new JsonObject());
        upstreams.put(id.upstream(), upstream);
      }
      upstream.getJsonObject("servers").put(id.server(), server(ServerDelta.between(then, now, seconds)));
    });
    return new JsonObject()
        .put("at", after.atMillis())
        .put("seconds", seconds)
        .put("configVersion", after.config().version())
        .put("listeners", listeners)
        .put("upstreams", upstreams);
  }

  private static JsonObject listener(ListenerDelta d) {
    ListenerStats l = d.after();
    JsonObject closed = new JsonObject();
    d.closedByReason().keySet().stream().sorted().forEach(reason -> closed.put(reason, number(d.perSecond(d.closed(reason)))));
    return new JsonObject()
        .put("active", l.active())
        .put("reading", l.reading())
        .put("writing", l.writing())
        .put("waiting", l.waiting())
        .put("requestsPerSec", number(d.requestsPerSecond()))
        .put("newConnectionsPerSec", number(d.newConnectionsPerSecond()))
        .put("closedPerSec", closed);
  }

  private static JsonObject server(ServerDelta d) {
    ServerStats s = d.after();
    return new JsonObject()
        .put("down", s.down())
        .put("active", s.active())
        .put("idle", s.idle())
        .put("lingering", s.lingering())
        .put("peakActive", s.peakActive())
        .put("requestsPerSec", number(d.requestsPerSecond()))
        .put("reusePercent", number(d.reusePercent()))
        .put("newConnectionsPer100", number(d.newConnectionsPer100Requests()))
        .put("p50Ms", number(d.p50Millis()))
        .put("p99Ms", number(d.p99Millis()))
        .put("retried", d.retried())
        .put("idleClosedByUpstream", d.idleClosedByUpstream());
  }

  /** Rounded to 3 decimals; null for NaN or infinity, which JSON cannot carry. */
  public static Double number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return null;
    }
    return Math.round(value * 1000) / 1000.0;
  }
}
