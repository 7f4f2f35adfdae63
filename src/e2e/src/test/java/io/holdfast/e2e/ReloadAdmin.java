package io.holdfast.e2e;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The admin calls the reload tests make: read the running version, send a merge patch. */
final class ReloadAdmin {

  private ReloadAdmin() {
  }

  static long version(int adminPort) throws IOException, InterruptedException {
    return new JsonObject(Http.get(adminPort, "/config").body()).getLong("version");
  }

  static HttpResponse<String> patch(int adminPort, JsonObject patch) throws IOException, InterruptedException {
    return send(adminPort, "PATCH", patch, null);
  }

  static HttpResponse<String> send(int adminPort, String method, JsonObject body, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = Http.request(adminPort, "/config")
        .header("Content-Type", "application/merge-patch+json")
        .method(method, HttpRequest.BodyPublishers.ofString(body.encode()));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return Http.client().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** RFC 7396 applied to the test's own model of the file, so file edits and PATCHes stay consistent. */
  static void mergePatch(JsonObject target, JsonObject patch) {
    for (String key : patch.fieldNames()) {
      Object value = patch.getValue(key);
      if (value == null) {
        target.remove(key);
      } else if (value instanceof JsonObject object && target.getValue(key) instanceof JsonObject existing) {
        mergePatch(existing, object);
      } else {
        target.put(key, value instanceof JsonObject object ? object.copy() : value);
      }
    }
  }
}
