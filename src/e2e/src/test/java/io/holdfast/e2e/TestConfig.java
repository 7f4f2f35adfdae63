package io.holdfast.e2e;

import io.holdfast.testkit.FreePorts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A minimal config for one proxy process: one listener, one upstream, the admin port, one instance (the
 * machine is shared; one instance also makes connection counts exact), file watching off so that only
 * the test decides when the file is re-read.
 */
final class TestConfig {

  final int listenerPort = FreePorts.next();
  final int adminPort = FreePorts.next();
  private final JsonObject json;

  TestConfig(int upstreamPort) {
    json = new JsonObject()
        .put("instances", 1)
        .put("shutdownTimeout", "10s")
        .put("listeners", new JsonObject().put("main", new JsonObject()
            .put("host", "127.0.0.1").put("port", listenerPort)
            .put("routes", new JsonArray().add(new JsonObject().put("path", "/").put("upstream", "app")))))
        .put("upstreams", new JsonObject().put("app", upstream(upstreamPort)))
        .put("admin", new JsonObject().put("host", "127.0.0.1").put("port", adminPort))
        .put("reload", new JsonObject().put("watch", false));
  }

  static JsonObject upstream(int port) {
    return new JsonObject().put("servers",
        new JsonArray().add(new JsonObject().put("address", "127.0.0.1:" + port)));
  }

  JsonObject json() {
    return json;
  }

  Path write(Path dir) throws IOException {
    Path file = dir.resolve("holdfast.json");
    Files.writeString(file, json.encodePrettily());
    return file;
  }
}
