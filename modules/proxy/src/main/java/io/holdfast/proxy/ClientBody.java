package io.holdfast.proxy;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.streams.ReadStream;

/**
 * The client's request body as the stream piped upstream, telling its {@link Exchange} the two moments
 * that decide whose fault a wait is: when the body has been sent whole (only from then may the upstream's
 * silence count against it), and when the upstream stops taking it. The pipe pauses this stream only when
 * the upstream connection is not writable; paused for {@code responseTimeout} is the upstream's stall
 * (nginx's {@code proxy_send_timeout}). A timer is armed only then, never for a body that flows.
 */
final class ClientBody implements ReadStream<Buffer> {

  /** What the exchange learns from the body. */
  interface Events {
    /** The last byte was handed to the upstream connection. */
    void bodySent();

    /** The upstream has not taken any of the body for {@code responseTimeout}. */
    void upstreamStalled();
  }

  private final HttpServerRequest request;
  private final long stallTimeoutMillis;
  private final Events events;
  private long pausedAt;
  private long timer = -1;
  private boolean done;

  ClientBody(HttpServerRequest request, long stallTimeoutMillis, Events events) {
    this.request = request;
    this.stallTimeoutMillis = stallTimeoutMillis;
    this.events = events;
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> handler) {
    request.handler(handler);
    return this;
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    request.exceptionHandler(handler);
    return this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> handler) {
    request.endHandler(handler == null ? null : v -> {
      // The pipe ends the upstream request in this handler: after it, the body is sent whole.
      handler.handle(v);
      finish();
      events.bodySent();
    });
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    request.pause();
    if (!done && stallTimeoutMillis > 0) {
      pausedAt = System.nanoTime();
      if (timer < 0) {
        timer = Vertx.currentContext().owner().setTimer(stallTimeoutMillis, this::checkStall);
      }
    }
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    pausedAt = 0;
    request.fetch(amount);
    return this;
  }

  /** No more watching: the body was sent, or the exchange is over. */
  void finish() {
    done = true;
    if (timer >= 0) {
      Vertx.currentContext().owner().cancelTimer(timer);
      timer = -1;
    }
  }

  private void checkStall(long id) {
    timer = -1;
    if (done || pausedAt == 0) {
      // Flowing again: the next pause watches anew.
      return;
    }
    long waitedMillis = (System.nanoTime() - pausedAt) / 1_000_000;
    if (waitedMillis >= stallTimeoutMillis) {
      done = true;
      events.upstreamStalled();
    } else {
      timer = Vertx.currentContext().owner().setTimer(stallTimeoutMillis - waitedMillis, this::checkStall);
    }
  }
}
