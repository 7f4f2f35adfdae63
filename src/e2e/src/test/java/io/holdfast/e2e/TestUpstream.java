package io.holdfast.e2e;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real upstream in the test JVM: answers GET with "{name} {path}", echoes a POST body, answers
 * {@code /slow} after {@link #SLOW}, and counts the connections and requests it sees.
 */
final class TestUpstream implements AutoCloseable {

  static final Duration SLOW = Duration.ofMillis(1500);

  final AtomicInteger connections = new AtomicInteger();
  final AtomicInteger requests = new AtomicInteger();
  private final Vertx vertx;
  private final String name;
  private final HttpServer server;

  private TestUpstream(Vertx vertx, String name) throws Exception {
    this.vertx = vertx;
    this.name = name;
    this.server = vertx.createHttpServer()
        .connectionHandler(connection -> connections.incrementAndGet())
        .requestHandler(this::handle)
        .listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  static TestUpstream start(Vertx vertx, String name) throws Exception {
    return new TestUpstream(vertx, name);
  }

  int port() {
    return server.actualPort();
  }

  private void handle(HttpServerRequest request) {
    requests.incrementAndGet();
    if (request.method() == HttpMethod.POST) {
      request.body().onSuccess(body -> request.response().putHeader("content-type", "application/octet-stream").end(body));
    } else if (request.path().startsWith("/slow")) {
      vertx.setTimer(SLOW.toMillis(), id -> request.response().end(name + " slow"));
    } else {
      request.response().end(name + " " + request.path());
    }
  }

  @Override
  public void close() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
