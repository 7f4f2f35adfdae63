package io.holdfast.listener.slow;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A normal keepalive load: {@code clients} loops, each on a context of its own, each sending a GET and a
 * 1000-byte POST after the other until it has done {@code rounds} or is stopped. A round is served when
 * both got 200 with the expected body; anything else is an error.
 */
record Load(List<Future<Void>> loops, AtomicInteger served, AtomicInteger errors, List<String> failures,
            boolean[] stopped) {

  private static final Buffer BODY = Buffer.buffer("x".repeat(1000));

  static Load run(Vertx vertx, HttpClient http, int clients, int rounds) {
    Load load = new Load(new ArrayList<>(), new AtomicInteger(), new AtomicInteger(),
        new CopyOnWriteArrayList<>(), new boolean[1]);
    for (int i = 0; i < clients; i++) {
      Promise<Void> loop = Promise.promise();
      vertx.getOrCreateContext().runOnContext(v -> load.round(http, rounds, loop));
      load.loops.add(loop.future());
    }
    return load;
  }

  /** Completes when every loop has finished its rounds. */
  Future<Void> done() {
    return Future.all(loops).mapEmpty();
  }

  /** Stops every loop after its current round. */
  Future<Void> stop() {
    synchronized (stopped) {
      stopped[0] = true;
    }
    return done();
  }

  private void round(HttpClient http, int left, Promise<Void> loop) {
    synchronized (stopped) {
      if (left == 0 || stopped[0]) {
        loop.complete();
        return;
      }
    }
    exchange(http, HttpMethod.GET, null)
        .compose(got -> exchange(http, HttpMethod.POST, BODY).map(posted -> got.equals("got 0") && posted.equals("got 1000")))
        .onComplete(ok -> {
          if (ok.succeeded() && ok.result()) {
            served.incrementAndGet();
          } else {
            errors.incrementAndGet();
            failures.add(ok.failed() ? String.valueOf(ok.cause()) : "unexpected body");
          }
          round(http, left - 1, loop);
        });
  }

  private static Future<String> exchange(HttpClient http, HttpMethod method, Buffer body) {
    return http.request(new RequestOptions().setMethod(method).setURI("/load"))
        .compose(request -> body == null ? request.send() : request.send(body))
        .compose(response -> response.statusCode() == 200 ? response.body()
            : Future.failedFuture("status " + response.statusCode()))
        .map(Buffer::toString);
  }
}
