package io.holdfast.status.advice;

import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One piece of advice: set the config key at {@code path} from {@code current} to {@code suggested},
 * because of {@code why}, shown by {@code evidence} (figures from the samples the rule read). Values are
 * written as the config file writes them: numbers, or duration strings such as {@code "800ms"}.
 */
public record Advice(List<String> path, Object current, Object suggested, String why, Map<String, Object> evidence) {

  public Advice {
    path = List.copyOf(path);
    evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
  }

  /** The dotted key path, as config errors name keys: {@code upstreams.app.keepalive.connections}. */
  public String key() {
    return String.join(".", path);
  }

  /** The JSON Merge Patch (RFC 7396) that applies the suggestion through {@code PATCH /config}. */
  public JsonObject patch() {
    JsonObject root = new JsonObject();
    JsonObject at = root;
    for (int i = 0; i < path.size() - 1; i++) {
      JsonObject next = new JsonObject();
      at.put(path.get(i), next);
      at = next;
    }
    at.put(path.get(path.size() - 1), suggested);
    return root;
  }

  /** The contract's shape ({@code key}, {@code current}, {@code suggested}, {@code why}, {@code evidence}) plus the patch. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("key", key())
        .put("current", current)
        .put("suggested", suggested)
        .put("why", why)
        .put("evidence", new JsonObject(new LinkedHashMap<>(evidence)))
        .put("patch", patch());
  }
}
