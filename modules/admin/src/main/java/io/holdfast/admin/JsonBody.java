package io.holdfast.admin;

import io.holdfast.config.JsonSyntax;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * A request body that must be one JSON object. A body that is not gets its answer here (413, or 400 with the
 * reason), and the returned future fails after that answer, so a caller only handles the object.
 */
final class JsonBody {

  private JsonBody() {
  }

  static Future<JsonObject> read(HttpServerRequest request, int limit) {
    HttpServerResponse response = request.response();
    return BodyReader.read(request, limit).transform(read -> {
      if (read.failed()) {
        if (read.cause() instanceof BodyReader.TooLarge) {
          // The rest of the body is not read: close rather than leave the connection out of sync.
          response.putHeader(HttpHeaders.CONNECTION, "close");
          AdminResponses.error(response, 413, read.cause().getMessage())
              .onComplete(v -> request.connection().close());
        } else {
          AdminResponses.error(response, 400, "could not read the request body: " + read.cause().getMessage());
        }
        return Future.failedFuture(read.cause());
      }
      return parse(read.result(), response);
    });
  }

  /** Where the JSON breaks, in the words of the config file's errors, without parser internals. */
  private static Future<JsonObject> parse(Buffer body, HttpServerResponse response) {
    try {
      return Future.succeededFuture(JsonSyntax.parseObject(body.toString(StandardCharsets.UTF_8)));
    } catch (JsonSyntax.SyntaxException e) {
      AdminResponses.error(response, 400, "the body " + e.getMessage());
      return Future.failedFuture(e);
    }
  }
}
