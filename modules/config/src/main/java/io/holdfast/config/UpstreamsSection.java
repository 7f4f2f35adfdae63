package io.holdfast.config;

import io.holdfast.config.key.Cookies;
import io.holdfast.config.key.RequestKey;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code upstreams} section: servers, balance (with hash key and sticky cookie), upstream keepalive,
 * timeouts (the tunnel timeout included), TLS ({@link TlsSection}) and health checks ({@link HealthCheckSection}).
 */
final class UpstreamsSection {

  private UpstreamsSection() {
  }

  static Map<String, UpstreamConfig> parse(ConfigReader root, List<ConfigError> errors) {
    Map<String, UpstreamConfig> upstreams = new LinkedHashMap<>();
    JsonObject all = root.object("upstreams");
    if (all == null) {
      return upstreams;
    }
    if (all.isEmpty()) {
      root.error("upstreams", "at least one upstream is required");
      return upstreams;
    }
    for (String name : all.fieldNames()) {
      String path = "upstreams." + name;
      if (!(all.getValue(name) instanceof JsonObject json)) {
        errors.add(new ConfigError(path, "must be an object"));
        continue;
      }
      upstreams.put(name, upstream(name, new ConfigReader(json, path, errors), errors));
    }
    return upstreams;
  }

  private static UpstreamConfig upstream(String name, ConfigReader r, List<ConfigError> errors) {
    List<ServerConfig> servers = servers(r, errors);
    Balance balance = r.choice("balance", Balance.ROUND_ROBIN, Balance.values(), Balance::key);
    RequestKey hashKey = hashKey(r, balance);
    int totalWeight = servers.stream().mapToInt(ServerConfig::weight).sum();
    if (balance == Balance.HASH && totalWeight > UpstreamConfig.MAX_HASH_WEIGHT) {
      r.error("servers", "with \"balance\": \"hash\" the weights may add up to " + UpstreamConfig.MAX_HASH_WEIGHT
          + " at most (160 ring points each), got " + totalWeight);
    }
    StickyConfig sticky = sticky(r, errors);
    UpstreamKeepalive keepalive = keepalive(r.object("keepalive"), r.path("keepalive"), errors);
    var connectTimeout = r.duration("connectTimeout", UpstreamConfig.DEFAULT_CONNECT_TIMEOUT, false);
    var responseTimeout = r.duration("responseTimeout", UpstreamConfig.DEFAULT_RESPONSE_TIMEOUT, false);
    int maxFails = r.integer("maxFails", UpstreamConfig.DEFAULT_MAX_FAILS, 0, Integer.MAX_VALUE);
    var failTimeout = r.duration("failTimeout", UpstreamConfig.DEFAULT_FAIL_TIMEOUT, false);
    UpstreamTls tls = TlsSection.upstream(r.object("tls"), r.path("tls"), errors);
    HealthCheckConfig healthCheck = HealthCheckSection.parse(r, errors);
    var tunnelTimeout = r.duration("tunnelTimeout", UpstreamConfig.DEFAULT_TUNNEL_TIMEOUT, false);
    r.rejectUnknown();
    return new UpstreamConfig(name, servers, balance, keepalive, connectTimeout, responseTimeout, maxFails,
        failTimeout, hashKey, sticky, tls, healthCheck, tunnelTimeout);
  }

  private static RequestKey hashKey(ConfigReader r, Balance balance) {
    String expression = r.string("hashKey", null);
    if (balance != Balance.HASH) {
      if (r.has("hashKey")) {
        r.error("hashKey", "only applies with \"balance\": \"hash\"");
      }
      return null;
    }
    if (expression == null) {
      if (!r.has("hashKey")) {
        r.error("hashKey", "is required with \"balance\": \"hash\" ($remote_addr, $uri, $cookie_<name> or $header_<name>)");
      }
      return null;
    }
    RequestKey key = RequestKey.parse(expression);
    if (key == null) {
      r.error("hashKey", RequestKey.EXPECTED + ", got \"" + expression + "\"");
    }
    return key;
  }

  /** Null (off) unless {@code sticky} is an object; {@code {}} turns it on with every default. */
  private static StickyConfig sticky(ConfigReader r, List<ConfigError> errors) {
    if (!r.has("sticky")) {
      return null;
    }
    JsonObject json = r.object("sticky");
    if (json == null) {
      return null;
    }
    ConfigReader s = new ConfigReader(json, r.path("sticky"), errors);
    String cookie = s.string("cookie", StickyConfig.DEFAULT_COOKIE);
    if (!Cookies.validName(cookie)) {
      s.error("cookie", "must be a cookie name (letters, digits and !#$%&'*+-.^_`|~), got \"" + cookie + "\"");
    }
    String path = s.string("path", StickyConfig.DEFAULT_PATH);
    if (!path.startsWith("/") || path.chars().anyMatch(c -> c < 0x20 || c == 0x7F || c == ';')) {
      s.error("path", "must start with \"/\" and contain no \";\" or control characters");
    }
    var maxAge = s.has("maxAge") ? s.duration("maxAge", null, false) : null;
    StickyConfig sticky = new StickyConfig(cookie, path, maxAge, s.bool("httpOnly", StickyConfig.DEFAULT_HTTP_ONLY),
        s.bool("secure", StickyConfig.DEFAULT_SECURE));
    s.rejectUnknown();
    return sticky;
  }

  private static List<ServerConfig> servers(ConfigReader r, List<ConfigError> errors) {
    List<ServerConfig> servers = new ArrayList<>();
    JsonArray array = r.array("servers");
    if (array == null || array.isEmpty()) {
      if (!r.has("servers") || array != null) {
        r.error("servers", "at least one server is required");
      }
      return servers;
    }
    for (int i = 0; i < array.size(); i++) {
      String path = r.path("servers") + "[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject json)) {
        errors.add(new ConfigError(path, "must be an object such as {\"address\": \"127.0.0.1:8000\"}"));
        continue;
      }
      ConfigReader s = new ConfigReader(json, path, errors);
      String address = s.string("address", null);
      if (address == null && !s.has("address")) {
        s.error("address", "is required (\"host:port\")");
      }
      int weight = s.integer("weight", ServerConfig.DEFAULT_WEIGHT, 1, 1_000_000);
      int maxConnections = s.integer("maxConnections", ServerConfig.DEFAULT_MAX_CONNECTIONS, 0, Integer.MAX_VALUE);
      s.rejectUnknown();
      ServerConfig server = address == null ? null : address(address, weight, maxConnections);
      if (address != null && server == null) {
        s.error("address", "must be \"host:port\" with a port from 1 to 65535, got \"" + address + "\"");
      }
      if (server != null) {
        servers.add(server);
      }
    }
    return servers;
  }

  private static ServerConfig address(String address, int weight, int maxConnections) {
    int colon = address.lastIndexOf(':');
    if (colon <= 0 || colon == address.length() - 1) {
      return null;
    }
    String host = address.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.indexOf(':') >= 0) {
      return null;
    }
    try {
      int port = Integer.parseInt(address.substring(colon + 1));
      return port < 1 || port > 65535 || host.isBlank() ? null : new ServerConfig(host, port, weight, maxConnections);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static UpstreamKeepalive keepalive(JsonObject json, String path, List<ConfigError> errors) {
    if (json == null) {
      return UpstreamKeepalive.defaults();
    }
    ConfigReader k = new ConfigReader(json, path, errors);
    int connections = k.integer("connections", UpstreamKeepalive.DEFAULT_CONNECTIONS, 0, 1_000_000);
    var timeout = k.duration("timeout", UpstreamKeepalive.DEFAULT_TIMEOUT, false);
    int requests = k.integer("requests", UpstreamKeepalive.DEFAULT_REQUESTS, 1, Integer.MAX_VALUE);
    var time = k.duration("time", UpstreamKeepalive.DEFAULT_TIME, false);
    var linger = k.duration("linger", UpstreamKeepalive.DEFAULT_LINGER, true);
    int warm = k.integer("warm", UpstreamKeepalive.DEFAULT_WARM, 0, 1_000_000);
    if (connections > 0 && warm > connections) {
      k.error("warm", "must be ≤ keepalive.connections (" + connections + "): a warm connection must be keepable");
    }
    k.rejectUnknown();
    return new UpstreamKeepalive(connections, timeout, requests, time, linger, warm);
  }
}
