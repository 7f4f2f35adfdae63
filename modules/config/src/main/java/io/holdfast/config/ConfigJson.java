package io.holdfast.config;

import io.holdfast.config.tls.ServerCertificate;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A {@link HoldfastConfig} back to JSON with every default written out; parsing it gives the same config.
 * A derived value is written as {@code "auto"}, not as the number it came to, so that the output sent back
 * with {@code PUT} keeps deriving it (the number is in {@code /status.json}).
 */
public final class ConfigJson {

  /** Shown instead of a secret ({@code admin.token}) wherever a config leaves the process. */
  public static final String REDACTED = "<redacted>";
  /** The key path of the one secret a config holds. */
  public static final String TOKEN_PATH = "admin.token";

  private ConfigJson() {
  }

  /** As {@link #toJson}, with a set {@code admin.token} and every PKCS#12 password shown as {@value #REDACTED}. */
  public static JsonObject toRedactedJson(HoldfastConfig c) {
    JsonObject json = toJson(c);
    if (c.admin().token() != null) {
      json.getJsonObject("admin").put("token", REDACTED);
    }
    c.listeners().forEach((name, l) -> {
      if (l.tls() != null) {
        for (Object certificate : json.getJsonObject("listeners").getJsonObject(name).getJsonObject("tls")
            .getJsonArray("certificates")) {
          if (certificate instanceof JsonObject o && o.getValue("password") != null) {
            o.put("password", REDACTED);
          }
        }
      }
    });
    return json;
  }

  /** Whether the value at {@code path} is a secret that is never shown: the token, a certificate password. */
  public static boolean isSecret(String path) {
    return path.equals(TOKEN_PATH) || path.startsWith("listeners.") && path.endsWith(".password");
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
            .put("port", c.origin().port()))
        .put("cluster", cluster(c.cluster()))
        .put("accessLog", c.accessLog() == null ? null
            : new JsonObject().put("path", c.accessLog().path()).put("format", c.accessLog().format().key()));
  }

  private static JsonObject cluster(ClusterConfig c) {
    JsonObject json = new JsonObject().put("enabled", c.enabled()).put("name", c.name()).put("host", c.host())
        .put("port", c.port()).put("busPort", c.busPort());
    if (c.kubernetes()) {
      return json.put("kubernetes", new JsonObject().put("serviceDns", c.kubernetesServiceDns()));
    }
    return json.put("members", new JsonArray(c.members()));
  }

  /** {@code document} (modified in place) with {@code admin.token} set to {@code token}, or removed when null. */
  public static JsonObject withToken(JsonObject document, String token) {
    JsonObject admin = document.getValue("admin") instanceof JsonObject a ? a : new JsonObject();
    if (token == null) {
      admin.remove("token");
    } else {
      admin.put("token", token);
      document.put("admin", admin);
    }
    return document;
  }

  private static JsonObject listener(ListenerConfig l) {
    JsonArray routes = new JsonArray();
    for (RouteConfig r : l.routes()) {
      JsonObject route = new JsonObject().put("path", r.path());
      if (r.split() != null) {
        route.put("split", split(r.split()));
      } else {
        route.put("upstream", r.upstream());
      }
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
        .put("maxConnections", l.maxConnectionsSet() ? l.maxConnections() : ConfigReader.AUTO)
        .put("maxHeaderSize", l.maxHeaderSize())
        .put("maxUriLength", l.maxUriLength())
        .put("headerTimeout", Durations.format(l.headerTimeout()))
        .put("bodyTimeout", Durations.format(l.bodyTimeout()))
        .put("sendTimeout", Durations.format(l.sendTimeout()))
        .put("routes", routes)
        .put("compression", compression(l.compression()))
        .put("tls", tls(l.tls()))
        .put("http2", l.http2())
        .put("redirectHttps", l.redirectHttps() == 0 ? null : l.redirectHttps());
  }

  private static JsonObject tls(ListenerTls tls) {
    if (tls == null) {
      return null;
    }
    JsonArray certificates = new JsonArray();
    for (ServerCertificate c : tls.certificates()) {
      certificates.add(c.format() == ServerCertificate.Format.PKCS12
          ? new JsonObject().put("pkcs12", c.files().get(0).path()).put("password", c.password())
          : new JsonObject().put("cert", c.files().get(0).path()).put("key", c.files().get(1).path()));
    }
    return new JsonObject().put("certificates", certificates).put("protocols", new JsonArray(tls.protocols()))
        .put("hsts", tls.hsts()).put("engine", tls.engine());
  }

  private static JsonObject compression(CompressionConfig c) {
    JsonArray algorithms = new JsonArray();
    c.algorithms().forEach(a -> algorithms.add(a.key()));
    return new JsonObject().put("enabled", c.enabled()).put("types", new JsonArray(c.types()))
        .put("minLength", c.minLength()).put("algorithms", algorithms);
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
        .put("failTimeout", Durations.format(u.failTimeout()))
        .put("hashKey", u.hashKey() == null ? null : u.hashKey().expression())
        .put("sticky", sticky(u.sticky()))
        .put("tls", new JsonObject().put("enabled", u.tls().enabled()).put("sni", u.tls().sni())
            .put("verify", u.tls().verify()).put("ca", u.tls().ca()).put("engine", u.tls().engine()))
        .put("healthCheck", healthCheck(u.healthCheck()))
        .put("tunnelTimeout", Durations.format(u.tunnelTimeout()));
  }

  private static JsonObject healthCheck(HealthCheckConfig h) {
    if (h == null) {
      return null;
    }
    return new JsonObject().put("path", h.path()).put("interval", Durations.format(h.interval()))
        .put("timeout", Durations.format(h.timeout())).put("rise", h.rise()).put("fall", h.fall())
        .put("expectStatus", h.expectStatus().expression()).put("host", h.host());
  }

  private static JsonObject split(SplitConfig split) {
    JsonArray buckets = new JsonArray();
    for (SplitConfig.Bucket b : split.buckets()) {
      buckets.add(new JsonObject().put("percent", b.rest() ? "*" : SplitSection.percent(b.basisPoints()))
          .put("upstream", b.upstream()));
    }
    return new JsonObject().put("key", split.key().expression()).put("buckets", buckets);
  }

  private static JsonObject sticky(StickyConfig s) {
    if (s == null) {
      return null;
    }
    return new JsonObject().put("cookie", s.cookie()).put("path", s.path())
        .put("maxAge", s.maxAge() == null ? null : Durations.format(s.maxAge()))
        .put("httpOnly", s.httpOnly()).put("secure", s.secure());
  }
}
