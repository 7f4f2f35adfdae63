package io.holdfast.config;

import io.vertx.core.json.JsonObject;

/**
 * RFC 7396 JSON Merge Patch on Vert.x JSON. Hand-written because no maintained library applies merge
 * patches to Vert.x's {@link JsonObject}; the algorithm is the RFC's own pseudo-code.
 */
public final class JsonMergePatch {

  private JsonMergePatch() {
  }

  /** The result of applying {@code patch} to {@code target}; neither argument is modified. */
  public static Object apply(Object target, Object patch) {
    if (!(patch instanceof JsonObject patchObject)) {
      return patch;
    }
    JsonObject result = target instanceof JsonObject t ? t.copy() : new JsonObject();
    for (String key : patchObject.fieldNames()) {
      Object value = patchObject.getValue(key);
      if (value == null) {
        result.remove(key);
      } else {
        result.put(key, apply(result.getValue(key), value));
      }
    }
    return result;
  }
}
