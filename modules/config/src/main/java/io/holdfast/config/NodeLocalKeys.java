package io.holdfast.config;

import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The keys that say where one node listens and how it joins the fleet. A fleet shares one config document,
 * but these stay each node's own: a node applying another node's document keeps its own values for them
 * (or their absence, so its defaults), and a change to them through a node's admin API takes effect on
 * that node only. Everything else — upstreams, routes, limits, the admin token — is the fleet's.
 */
public final class NodeLocalKeys {

  /** Documented in docs/fleet.md; {@code <name>} is any listener. */
  public static final List<String> PATHS = List.of("cluster", "admin.host", "admin.port",
      "listeners.<name>.host", "listeners.<name>.port", "origin.host", "origin.port");

  private static final List<String> ADDRESS = List.of("host", "port");

  private NodeLocalKeys() {
  }

  /**
   * {@code fleetDocument} as this node runs it: a copy with {@code own}'s node-local keys. A listener that
   * {@code own} does not have yet takes the fleet document's address.
   */
  public static JsonObject overlay(JsonObject fleetDocument, JsonObject own) {
    JsonObject result = fleetDocument.copy();
    copyKey(own, result, "cluster");
    copyAddress(object(own, "admin"), result, "admin");
    copyAddress(object(own, "origin"), result, "origin");
    JsonObject ownListeners = object(own, "listeners");
    if (ownListeners != null && result.getValue("listeners") instanceof JsonObject listeners) {
      for (String name : listeners.fieldNames()) {
        JsonObject ownListener = object(ownListeners, name);
        if (ownListener != null && listeners.getValue(name) instanceof JsonObject listener) {
          copyAddress(ownListener, listener, null);
        }
      }
    }
    return result;
  }

  /** Sets {@code into}'s host and port (of section {@code section}, or {@code into} itself) as {@code from} has them. */
  private static void copyAddress(JsonObject from, JsonObject into, String section) {
    JsonObject target = into;
    if (section != null) {
      target = object(into, section);
      if (target == null) {
        if (from == null || ADDRESS.stream().noneMatch(from::containsKey)) {
          return;
        }
        target = new JsonObject();
        into.put(section, target);
      }
    }
    for (String key : ADDRESS) {
      copyKey(from, target, key);
    }
  }

  private static void copyKey(JsonObject from, JsonObject into, String key) {
    if (from != null && from.containsKey(key)) {
      Object value = from.getValue(key);
      into.put(key, value instanceof JsonObject o ? o.copy() : value);
    } else {
      into.remove(key);
    }
  }

  private static JsonObject object(JsonObject parent, String key) {
    return parent != null && parent.getValue(key) instanceof JsonObject o ? o : null;
  }
}
