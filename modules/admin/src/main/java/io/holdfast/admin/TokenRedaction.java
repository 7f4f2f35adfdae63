package io.holdfast.admin;

import io.holdfast.config.ConfigChange;
import io.holdfast.config.ConfigJson;
import io.vertx.core.json.JsonObject;

/**
 * The admin token never leaves the process: it is shown as {@value #REDACTED}, and a document sent back
 * carrying {@value #REDACTED} keeps the running token, so GET /config output can be edited and PUT back.
 */
final class TokenRedaction {

  static final String REDACTED = ConfigJson.REDACTED;

  private TokenRedaction() {
  }

  /** The body with the placeholder resolved: the running token for a replacement, "unchanged" for a patch. */
  static JsonObject restore(ConfigChange.Kind kind, JsonObject body, String runningToken) {
    if (!(body.getValue("admin") instanceof JsonObject admin) || !REDACTED.equals(admin.getValue("token"))) {
      return body;
    }
    JsonObject copy = body.copy();
    JsonObject copiedAdmin = copy.getJsonObject("admin");
    if (kind == ConfigChange.Kind.PATCH || runningToken == null) {
      // In a merge patch an absent key means "leave as is"; in a full document it means "no token".
      copiedAdmin.remove("token");
    } else {
      copiedAdmin.put("token", runningToken);
    }
    return copy;
  }
}
