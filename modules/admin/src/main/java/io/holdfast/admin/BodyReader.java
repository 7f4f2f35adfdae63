package io.holdfast.admin;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/** Reads a request body up to a limit, refusing by Content-Length before reading when it can. */
final class BodyReader {

  /** Largest config document the API accepts; real configs are a few KiB. */
  static final int DEFAULT_LIMIT = 1024 * 1024;

  private BodyReader() {
  }

  /** Thrown (as a failed future) when the body exceeds the limit. */
  static final class TooLarge extends RuntimeException {
    TooLarge(int limit) {
      super("request body exceeds " + limit + " bytes", null, false, false);
    }
  }

  static Future<Buffer> read(HttpServerRequest request, int limit) {
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && parse(length) > limit) {
      return Future.failedFuture(new TooLarge(limit));
    }
    Promise<Buffer> promise = Promise.promise();
    Buffer body = Buffer.buffer();
    request.handler(chunk -> {
      if (promise.future().isComplete()) {
        return;
      }
      if (body.length() + chunk.length() > limit) {
        promise.fail(new TooLarge(limit));
      } else {
        body.appendBuffer(chunk);
      }
    });
    request.exceptionHandler(promise::tryFail);
    request.endHandler(v -> promise.tryComplete(body));
    return promise.future();
  }

  private static long parse(String length) {
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
