package io.holdfast.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The {@code listeners} section. With exactly one upstream, a missing section means one listener
 * {@code main} on {@code 0.0.0.0:8080}, and a listener without routes sends {@code /} to that upstream.
 */
final class ListenersSection {

  private ListenersSection() {
  }

  static Map<String, ListenerConfig> parse(ConfigReader root, Map<String, UpstreamConfig> upstreams,
                                           List<ConfigError> errors) {
    Map<String, ListenerConfig> listeners = new LinkedHashMap<>();
    String soleUpstream = upstreams.size() == 1 ? upstreams.keySet().iterator().next() : null;
    if (!root.has("listeners")) {
      if (soleUpstream != null) {
        listeners.put(ListenerConfig.DEFAULT_NAME, listener(ListenerConfig.DEFAULT_NAME,
            new ConfigReader(new JsonObject(), "listeners.main", errors), upstreams, soleUpstream, errors));
      } else if (!upstreams.isEmpty()) {
        root.error("listeners", "required when there is not exactly one upstream");
      }
      return listeners;
    }
    JsonObject all = root.object("listeners");
    if (all == null) {
      return listeners;
    }
    if (all.isEmpty()) {
      root.error("listeners", "at least one listener is required");
    }
    for (String name : all.fieldNames()) {
      String path = "listeners." + name;
      if (!(all.getValue(name) instanceof JsonObject json)) {
        errors.add(new ConfigError(path, "must be an object"));
        continue;
      }
      ListenerConfig listener = listener(name, new ConfigReader(json, path, errors), upstreams, soleUpstream, errors);
      String clash = clash(listener, listeners.values());
      if (clash != null) {
        errors.add(new ConfigError(path + ".port", clash));
      }
      listeners.put(name, listener);
    }
    return listeners;
  }

  /** Why {@code listener} cannot bind next to {@code earlier} ones, or null when it can. */
  private static String clash(ListenerConfig listener, Iterable<ListenerConfig> earlier) {
    if (listener.port() == 0) {
      return null;
    }
    for (ListenerConfig other : earlier) {
      if (other.port() != listener.port() || !BindAddresses.overlap(listener.host(), other.host())) {
        continue;
      }
      String endpoint = listener.host() + ":" + listener.port();
      if (other.host().equals(listener.host())) {
        return endpoint + " is already used by listener \"" + other.name() + "\"";
      }
      String wildcard = BindAddresses.isWildcard(other.host()) ? other.host() : listener.host();
      return endpoint + " overlaps listener \"" + other.name() + "\" on " + other.host() + ":" + other.port()
          + " (" + wildcard + " takes port " + listener.port() + " on every address)";
    }
    return null;
  }

  private static ListenerConfig listener(String name, ConfigReader r, Map<String, UpstreamConfig> upstreams,
                                         String soleUpstream, List<ConfigError> errors) {
    String host = r.string("host", ListenerConfig.DEFAULT_HOST);
    int port = r.integer("port", ListenerConfig.DEFAULT_PORT, 0, 65535);
    ClientKeepalive keepalive = keepalive(r.object("keepalive"), r.path("keepalive"), errors);
    OptionalInt maxConnections = r.integerOrAuto("maxConnections", 1, Integer.MAX_VALUE);
    int maxHeaderSize = r.integer("maxHeaderSize", ListenerConfig.DEFAULT_MAX_HEADER_SIZE, 1024, 1 << 20);
    int maxUriLength = r.integer("maxUriLength", ListenerConfig.DEFAULT_MAX_URI_LENGTH, 256, 1 << 20);
    Duration headerTimeout = r.duration("headerTimeout", ListenerConfig.DEFAULT_HEADER_TIMEOUT, false);
    Duration bodyTimeout = r.duration("bodyTimeout", ListenerConfig.DEFAULT_BODY_TIMEOUT, false);
    Duration sendTimeout = r.duration("sendTimeout", ListenerConfig.DEFAULT_SEND_TIMEOUT, false);
    ListenerTls tls = ListenerTlsSection.parse(r, errors);
    boolean http2 = r.bool("http2", tls != null);
    int redirectHttps = redirectHttps(r, tls);
    List<RouteConfig> routes = routes(r, upstreams, redirectHttps != 0 ? null : soleUpstream, redirectHttps != 0, errors);
    CompressionConfig compression = CompressionSection.parse(r, errors);
    r.rejectUnknown();
    // Without maxConnections the parser derives the default once every listener and pool is known.
    return new ListenerConfig(name, host, port, keepalive, maxConnections.orElse(ListenerConfig.DEFAULT_MAX_CONNECTIONS),
        maxConnections.isPresent(), maxHeaderSize, maxUriLength, routes, compression,
        headerTimeout, bodyTimeout, sendTimeout, tls, http2, redirectHttps);
  }

  /** The https port a plain listener redirects every request to, or 0 (the default, {@code null}: off). */
  private static int redirectHttps(ConfigReader r, ListenerTls tls) {
    if (!r.has("redirectHttps")) {
      return 0;
    }
    int port = r.integer("redirectHttps", 0, 1, 65535);
    if (port != 0 && tls != null) {
      r.error("redirectHttps", "only on a plain listener: this one already speaks TLS");
      return 0;
    }
    return port;
  }

  private static ClientKeepalive keepalive(JsonObject json, String path, List<ConfigError> errors) {
    if (json == null) {
      return ClientKeepalive.defaults();
    }
    ConfigReader k = new ConfigReader(json, path, errors);
    ClientKeepalive keepalive = new ClientKeepalive(
        k.duration("timeout", ClientKeepalive.DEFAULT_TIMEOUT, true),
        k.integer("requests", ClientKeepalive.DEFAULT_REQUESTS, 1, Integer.MAX_VALUE),
        k.duration("time", ClientKeepalive.DEFAULT_TIME, false));
    k.rejectUnknown();
    return keepalive;
  }

  /** A listener that redirects every request needs no routes (and gets no default one). */
  private static List<RouteConfig> routes(ConfigReader r, Map<String, UpstreamConfig> upstreams, String soleUpstream,
                                          boolean redirecting, List<ConfigError> errors) {
    List<RouteConfig> routes = new ArrayList<>();
    JsonArray array = r.array("routes");
    if (array == null) {
      if (!r.has("routes") && soleUpstream != null) {
        routes.add(new RouteConfig("/", soleUpstream, null, null));
      } else if (!r.has("routes") && !upstreams.isEmpty() && !redirecting) {
        r.error("routes", "required when there is not exactly one upstream");
      }
      return routes;
    }
    Set<String> paths = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      String path = r.path("routes") + "[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject json)) {
        errors.add(new ConfigError(path, "must be an object such as {\"path\": \"/\", \"upstream\": \"app\"}"));
        continue;
      }
      ConfigReader route = new ConfigReader(json, path, errors);
      String prefix = route.string("path", null);
      if (prefix == null && !route.has("path")) {
        route.error("path", "is required");
      } else if (prefix != null && !prefix.startsWith("/")) {
        route.error("path", "must start with \"/\"");
      } else if (prefix != null && !paths.add(prefix)) {
        route.error("path", "\"" + prefix + "\" is routed twice in this listener");
      }
      SplitConfig split = route.has("split") ? SplitSection.parse(route, upstreams, errors) : null;
      String upstream = route.string("upstream", null);
      if (route.has("split")) {
        if (route.has("upstream")) {
          route.error("upstream", "a route with \"split\" names its upstreams in the buckets, not here");
        }
      } else if (upstream == null && !route.has("upstream")) {
        route.error("upstream", "is required (or \"split\")");
      } else if (upstream != null && !upstreams.containsKey(upstream)) {
        route.error("upstream", "upstream \"" + upstream + "\" is not defined"
            + ConfigReader.hint(upstream, upstreams.keySet()));
      }
      String host = route.string("host", null);
      route.rejectUnknown();
      routes.add(new RouteConfig(prefix, route.has("split") ? null : upstream, host, split));
    }
    return routes;
  }
}
