package io.holdfast.proxy;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A response as the client saw it, read to its end. */
record Reply(int status, MultiMap headers, Buffer raw) {

  private static final Map<HttpClient, Context> CONTEXTS = new ConcurrentHashMap<>();

  String body() {
    return raw.toString();
  }

  static Future<Reply> send(HttpClient client, HttpMethod method, String uri) {
    return send(client, new RequestOptions().setMethod(method).setURI(uri), null);
  }

  /**
   * Runs the exchange on the client's own context. Driving a Vert.x 5 client straight from the test
   * thread hung ~1 request in 1000 here, even against a plain Vert.x server (every call made a new
   * context while the kept-alive connection lived on another loop).
   */
  static Future<Reply> send(HttpClient client, RequestOptions options, Buffer body) {
    Context context = CONTEXTS.get(client);
    if (context == null || Vertx.currentContext() == context) {
      return exchange(client, options, body);
    }
    Promise<Reply> promise = Promise.promise();
    context.runOnContext(v -> exchange(client, options, body).onComplete(promise));
    return promise.future();
  }

  /** Binds {@code client} to one context of {@code vertx}; see {@link #send}. */
  static HttpClient bound(Vertx vertx, HttpClient client) {
    CONTEXTS.put(client, vertx.getOrCreateContext());
    return client;
  }

  static Context contextOf(HttpClient client) {
    return CONTEXTS.get(client);
  }

  private static Future<Reply> exchange(HttpClient client, RequestOptions options, Buffer body) {
    return client.request(options)
        .compose(request -> body == null ? request.send() : request.send(body))
        .compose(response -> response.body()
            .map(buffer -> new Reply(response.statusCode(), response.headers(), buffer)));
  }

  static Reply get(HttpClient client, String uri) throws Exception {
    return ProxyFixture.await(send(client, HttpMethod.GET, uri));
  }
}
