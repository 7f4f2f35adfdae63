package io.holdfast.e2e;

import io.holdfast.testkit.FreePorts;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;

/** conf/holdfast.json as shipped, only its listener, origin and admin ports moved to free ones. */
record ShippedConfig(JsonObject json, int listenerPort, int adminPort) {

  static ShippedConfig onFreePorts() throws IOException {
    JsonObject json = new JsonObject(Files.readString(HoldfastProcess.HOME.resolve("conf/holdfast.json")));
    int listenerPort = FreePorts.next();
    int originPort = FreePorts.next();
    int adminPort = FreePorts.next();
    json.getJsonObject("listeners").getJsonObject("main").put("port", listenerPort);
    json.getJsonObject("origin").put("port", originPort);
    json.getJsonObject("upstreams").getJsonObject("welcome").getJsonArray("servers").getJsonObject(0)
        .put("address", "127.0.0.1:" + originPort);
    json.getJsonObject("admin").put("port", adminPort);
    return new ShippedConfig(json, listenerPort, adminPort);
  }
}
