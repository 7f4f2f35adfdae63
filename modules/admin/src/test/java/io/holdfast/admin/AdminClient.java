package io.holdfast.admin;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A real HTTP client for the admin port, synchronous for tests (never called on an event loop). */
final class AdminClient {

  record Response(int status, MultiMap headers, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }

    String header(String name) {
      return headers.get(name);
    }
  }

  private final HttpClient client;
  private final int port;

  AdminClient(Vertx vertx, int port) {
    this.client = vertx.createHttpClient();
    this.port = port;
  }

  Response get(String path) throws Exception {
    return send(HttpMethod.GET, path, Map.of(), null);
  }

  Response send(HttpMethod method, String path, Map<String, String> headers, String body) throws Exception {
    RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port)
        .setURI(path);
    headers.forEach(options::putHeader);
    return client.request(options)
        .compose(req -> body == null ? req.send() : req.send(Buffer.buffer(body)))
        .compose(res -> res.body().map(b -> new Response(res.statusCode(), res.headers(), b.toString())))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
