package io.holdfast.testkit;

import io.holdfast.config.ConfigError;
import io.holdfast.config.ConfigParser;
import io.holdfast.config.ConfigResult;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.config.HoldfastConfig;
import io.holdfast.config.ListenerConfig;
import io.holdfast.config.UpstreamConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * A config for tests, written as the JSON a user would write and parsed by the real {@link ConfigParser}:
 * whatever a test does not set has its documented default. Starts from a test-friendly base (one instance,
 * NIO, a 2 s shutdown, admin on a free loopback port, no file watch, no origin) and a test adds listeners,
 * upstreams and any key by its dotted path:
 *
 * <pre>{@code
 * ConfigSnapshot snapshot = TestConfig.proxying(upstreamPort)
 *     .set("listeners.main.keepalive.timeout", "1s")
 *     .set("upstreams.app.keepalive.connections", 2)
 *     .snapshot(1);
 * }</pre>
 *
 * Not thread-safe; build it in the test, then use the immutable config it gives.
 */
public final class TestConfig {

  /** The listener {@link #proxying} adds. */
  public static final String LISTENER = "main";
  /** The upstream {@link #proxying} adds. */
  public static final String UPSTREAM = "app";

  private final JsonObject json;

  private TestConfig(JsonObject json) {
    this.json = json;
  }

  /** The base alone: no listener, no upstream. */
  public static TestConfig create() {
    return new TestConfig(new JsonObject()
        .put("instances", 1)
        .put("transport", "nio")
        .put("shutdownTimeout", "2s")
        .put("admin", new JsonObject().put("host", "127.0.0.1").put("port", 0))
        .put("reload", new JsonObject().put("watch", false))
        .put("origin", new JsonObject().put("enabled", false)));
  }

  /** Listener {@value #LISTENER} on 127.0.0.1, a free port, routing {@code /} to upstream {@value #UPSTREAM}. */
  public static TestConfig proxying(int... upstreamPorts) {
    return create().upstream(UPSTREAM, upstreamPorts).listener(LISTENER, 0, UPSTREAM);
  }

  /** Starts from {@code json} as given (copied): for tests about parsing whole documents. */
  public static TestConfig of(JsonObject json) {
    return new TestConfig(json.copy());
  }

  /** A listener on 127.0.0.1:{@code port} with route {@code /} to {@code upstream}. */
  public TestConfig listener(String name, int port, String upstream) {
    return listener(name, port).route(name, "/", upstream);
  }

  /** A listener on 127.0.0.1:{@code port} with no routes yet. */
  public TestConfig listener(String name, int port) {
    return set("listeners." + name, new JsonObject().put("host", "127.0.0.1").put("port", port)
        .put("routes", new JsonArray()));
  }

  /** Another route on a listener: {@code path} prefix to {@code upstream}. */
  public TestConfig route(String listener, String path, String upstream) {
    return route(listener, new JsonObject().put("path", path).put("upstream", upstream));
  }

  /** Another route on a listener, given whole ({@code {"path": "/api", "upstream": "api", "host": "h"}}). */
  public TestConfig route(String listener, JsonObject route) {
    JsonObject l = object("listeners." + listener);
    JsonArray routes = l.getJsonArray("routes");
    if (routes == null) {
      routes = new JsonArray();
      l.put("routes", routes);
    }
    routes.add(route);
    return this;
  }

  /** An upstream with one server on 127.0.0.1 per port, connect timeout 2 s, response timeout 5 s. */
  public TestConfig upstream(String name, int... ports) {
    JsonArray servers = new JsonArray();
    for (int port : ports) {
      servers.add(new JsonObject().put("address", "127.0.0.1:" + port));
    }
    return set("upstreams." + name, new JsonObject().put("servers", servers)
        .put("connectTimeout", "2s").put("responseTimeout", "5s"));
  }

  /** The client keepalive limits of listener {@value #LISTENER}: nginx's keepalive_timeout, _requests, _time. */
  public TestConfig clientKeepalive(Duration timeout, int requests, Duration time) {
    return set("listeners." + LISTENER + ".keepalive", new JsonObject().put("timeout", duration(timeout))
        .put("requests", requests).put("time", duration(time)));
  }

  /**
   * Sets the key at a dotted path ({@code "upstreams.app.keepalive.connections"}), creating the objects on
   * the way. {@code value}: a String, Number, Boolean, JsonObject, JsonArray, null, or a {@link Duration}
   * (written in milliseconds).
   */
  public TestConfig set(String path, Object value) {
    int dot = path.lastIndexOf('.');
    JsonObject parent = dot < 0 ? json : object(path.substring(0, dot));
    parent.put(path.substring(dot + 1), value instanceof Duration d ? duration(d) : value);
    return this;
  }

  /** Removes the key at a dotted path (it then takes its default). */
  public TestConfig remove(String path) {
    int dot = path.lastIndexOf('.');
    (dot < 0 ? json : object(path.substring(0, dot))).remove(path.substring(dot + 1));
    return this;
  }

  /** The JSON as built so far (a copy). */
  public JsonObject json() {
    return json.copy();
  }

  /** The parsed config; a test that built an invalid one fails here with every error and its path. */
  public HoldfastConfig config() {
    ConfigResult result = ConfigParser.parse(json.copy());
    if (!result.isValid()) {
      throw new IllegalArgumentException("test config is invalid: " + result.errors().stream()
          .map(ConfigError::toString).collect(Collectors.joining("; ")) + "\n" + json.encodePrettily());
    }
    return result.config();
  }

  public ConfigSnapshot snapshot(long version) {
    return snapshot(version, Instant.now(), "test");
  }

  public ConfigSnapshot snapshot(long version, Instant appliedAt, String source) {
    return new ConfigSnapshot(version, appliedAt, source, config());
  }

  public ListenerConfig listenerConfig(String name) {
    return config().listeners().get(name);
  }

  public UpstreamConfig upstreamConfig(String name) {
    return config().upstreams().get(name);
  }

  private static String duration(Duration d) {
    return d.toMillis() + "ms";
  }

  private JsonObject object(String dottedPath) {
    JsonObject at = json;
    for (String key : dottedPath.split("\\.")) {
      JsonObject next = at.getJsonObject(key);
      if (next == null) {
        next = new JsonObject();
        at.put(key, next);
      }
      at = next;
    }
    return at;
  }
}
