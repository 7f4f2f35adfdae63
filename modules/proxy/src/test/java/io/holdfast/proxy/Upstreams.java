package io.holdfast.proxy;

import io.holdfast.testkit.TestConfig;
import io.holdfast.upstream.UpstreamPlan;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;

/** The one config shape the proxy tests vary: upstream "app" on one local port, its pool limits and timeouts. */
final class Upstreams {

  private Upstreams() {
  }

  /** {@code upstreams.app.keepalive}: idle cap, idle timeout, requests per connection, linger. */
  static JsonObject keepalive(int connections, Duration timeout, int requests, Duration linger) {
    return new JsonObject().put("connections", connections).put("timeout", timeout.toMillis() + "ms")
        .put("requests", requests).put("linger", linger.toMillis() + "ms");
  }

  static JsonObject defaults() {
    return keepalive(32, Duration.ofSeconds(60), 1000, Duration.ZERO);
  }

  static UpstreamPlan plan(int port, JsonObject keepalive) {
    return plan(port, keepalive, Duration.ofSeconds(5));
  }

  static UpstreamPlan plan(int port, JsonObject keepalive, Duration responseTimeout) {
    return plan(port, keepalive, responseTimeout, 0);
  }

  static UpstreamPlan plan(int port, JsonObject keepalive, Duration responseTimeout, int maxConnections) {
    JsonObject server = new JsonObject().put("address", "127.0.0.1:" + port).put("maxConnections", maxConnections);
    return UpstreamPlan.compile(TestConfig.proxying(port)
        .set("upstreams.app.servers", new JsonArray().add(server))
        .set("upstreams.app.keepalive", keepalive)
        .set("upstreams.app.responseTimeout", responseTimeout)
        .snapshot(1));
  }
}
