package io.holdfast.status;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * {@code /status.json?scope=cluster}: every node's status document as it answered, and {@code sum}, the
 * fleet's figures. Counters and gauges add up; maxima, peaks and timeouts take the largest; booleans (a
 * server {@code down}) are true when any node says so; {@code reuseRatio} and {@code responseTime.avgMs} are
 * recomputed from the sums; the access log's line counts add up (its path and format are the first node's).
 * Per-node sections (runtime, config, limits) are not summed.
 */
public final class ClusterStatusRenderer {

  /** The figures of a status document that make sense added up across nodes. */
  static final List<String> SUMMED =
      List.of("instances", "connections", "requests", "listeners", "upstreams", "accessLog");

  private ClusterStatusRenderer() {
  }

  /** {@code nodes}: {@code {"id","address","status"}} per node, or {@code {"id","reachable":false,"error"}}. */
  public static JsonObject render(JsonArray nodes) {
    JsonObject sum = new JsonObject();
    JsonObject weightedAverages = new JsonObject();
    int reachable = 0;
    for (int i = 0; i < nodes.size(); i++) {
      JsonObject status = nodes.getJsonObject(i).getJsonObject("status");
      if (status == null) {
        continue;
      }
      reachable++;
      for (String key : SUMMED) {
        merge(sum, key, status.getValue(key));
      }
      weighAverages(status, weightedAverages);
    }
    finishServers(sum, weightedAverages);
    return new JsonObject().put("scope", "cluster")
        .put("nodes", nodes)
        .put("sum", sum.put("nodes", nodes.size()).put("reachable", reachable));
  }

  private static void merge(JsonObject into, String key, Object value) {
    Object existing = into.getValue(key);
    if (value instanceof JsonObject object) {
      JsonObject target = existing instanceof JsonObject e ? e : new JsonObject();
      into.put(key, target);
      for (String k : object.fieldNames()) {
        merge(target, k, object.getValue(k));
      }
    } else if (value instanceof Number n) {
      into.put(key, existing instanceof Number e ? combine(key, e, n) : n);
    } else if (value instanceof Boolean b) {
      into.put(key, b || Boolean.TRUE.equals(existing));
    } else if (existing == null && value != null) {
      into.put(key, value);
    }
  }

  private static Number combine(String key, Number a, Number b) {
    boolean largest = key.startsWith("max") || key.startsWith("peak") || key.contains("Timeout");
    // No ?: here: a conditional mixing long and double is a double, and every count would turn into 3.0.
    if (isWhole(a) && isWhole(b)) {
      long x = a.longValue();
      long y = b.longValue();
      return largest ? Math.max(x, y) : x + y;
    }
    double x = a.doubleValue();
    double y = b.doubleValue();
    return largest ? Math.max(x, y) : x + y;
  }

  private static boolean isWhole(Number n) {
    return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
  }

  /** Per server, the sum of avgMs × requests, so the fleet's average weighs each node by its requests. */
  private static void weighAverages(JsonObject status, JsonObject weighted) {
    forEachServer(status, (name, server) -> {
      JsonObject time = server.getJsonObject("responseTime");
      if (time != null && time.getValue("avgMs") instanceof Number avg) {
        double requests = server.getValue("requests") instanceof Number r ? r.doubleValue() : 0;
        weighted.put(name, weighted.getDouble(name, 0.0) + avg.doubleValue() * requests);
      }
    });
  }

  private static void finishServers(JsonObject sum, JsonObject weighted) {
    forEachServer(sum, (name, server) -> {
      long requests = server.getValue("requests") instanceof Number r ? r.longValue() : 0;
      long reused = server.getValue("reused") instanceof Number r ? r.longValue() : 0;
      if (server.containsKey("reuseRatio")) {
        server.put("reuseRatio", requests == 0 ? 0.0 : round((double) reused / requests, 4));
      }
      if (server.getJsonObject("responseTime") != null && weighted.containsKey(name)) {
        server.getJsonObject("responseTime").put("avgMs",
            requests == 0 ? 0.0 : round(weighted.getDouble(name) / requests, 3));
      }
    });
  }

  private interface ServerVisitor {
    void visit(String name, JsonObject server);
  }

  private static void forEachServer(JsonObject status, ServerVisitor visitor) {
    JsonObject upstreams = status.getJsonObject("upstreams");
    if (upstreams == null) {
      return;
    }
    for (String upstream : upstreams.fieldNames()) {
      JsonObject servers = upstreams.getJsonObject(upstream).getJsonObject("servers");
      if (servers != null) {
        for (String server : servers.fieldNames()) {
          visitor.visit(upstream + "/" + server, servers.getJsonObject(server));
        }
      }
    }
  }

  private static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}
