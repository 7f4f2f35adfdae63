package io.holdfast.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A {@link HoldfastConfig} back to JSON with every default written out; parsing it gives the same config. */
public final class ConfigJson {

  private ConfigJson() {
  }

  public static JsonObject toJson(HoldfastConfig c) {
    JsonObject listeners = new JsonObject();
    c.listeners().forEach((name, l) -> listeners.put(name, listener(l)));
    JsonObject upstreams = new JsonObject();
    c.upstreams().forEach((name, u) -> upstreams.put(name, upstream(u)));
    return new JsonObject()
        .put("instances", c.instances())
        .put("transport", c.transport().key())
        .put("shutdownTimeout", Durations.format(c.shutdownTimeout()))
        .put("listeners", listeners)
        .put("upstreams", upstreams)
        .put("admin", new JsonObject().put("host", c.admin().host()).put("port", c.admin().port())
            .put("token", c.admin().token()))
        .put("reload", new JsonObject().put("watch", c.reload().watch())
            .put("scan", Durations.format(c.reload().scan())))
        .put("origin", new JsonObject().put("enabled", c.origin().enabled()).put("host", c.origin().host())
            .put("port", c.origin().port()));
  }

  private static JsonObject listener(ListenerConfig l) {
    JsonArray routes = new JsonArray();
    for (RouteConfig r : l.routes()) {
      JsonObject route = new JsonObject().put("path", r.path()).put("upstream", r.upstream());
      if (r.host() != null) {
        route.put("host", r.host());
      }
      routes.add(route);
    }
    return new JsonObject()
        .put("host", l.host())
        .put("port", l.port())
        .put("keepalive", new JsonObject()
            .put("timeout", Durations.format(l.keepalive().timeout()))
            .put("requests", l.keepalive().requests())
            .put("time", Durations.format(l.keepalive().time())))
        .put("maxConnections", l.maxConnections())
        .put("maxHeaderSize", l.maxHeaderSize())
        .put("maxUriLength", l.maxUriLength())
        .put("headerTimeout", Durations.format(l.headerTimeout()))
        .put("bodyTimeout", Durations.format(l.bodyTimeout()))
        .put("sendTimeout", Durations.format(l.sendTimeout()))
        .put("routes", routes);
  }

  private static JsonObject upstream(UpstreamConfig u) {
    JsonArray servers = new JsonArray();
    for (ServerConfig s : u.servers()) {
      servers.add(new JsonObject().put("address", s.address()).put("weight", s.weight())
          .put("maxConnections", s.maxConnections()));
    }
    UpstreamKeepalive k = u.keepalive();
    return new JsonObject()
        .put("servers", servers)
        .put("balance", u.balance().key())
        .put("keepalive", new JsonObject()
            .put("connections", k.connections())
            .put("timeout", Durations.format(k.timeout()))
            .put("requests", k.requests())
            .put("time", Durations.format(k.time()))
            .put("linger", Durations.format(k.linger()))
            .put("warm", k.warm()))
        .put("connectTimeout", Durations.format(u.connectTimeout()))
        .put("responseTimeout", Durations.format(u.responseTimeout()))
        .put("maxFails", u.maxFails())
        .put("failTimeout", Durations.format(u.failTimeout()));
  }
}
