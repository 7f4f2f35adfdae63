package io.holdfast.proxy;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.streams.ReadStream;

import java.util.concurrent.TimeoutException;

/**
 * The client's request body as the stream piped upstream, and the two moments of it that decide whose fault
 * a wait is: when the body has been sent whole, the upstream request's response timeout starts (only from then
 * may the upstream's silence count against it); when the upstream stops taking it, the upstream request is
 * reset and {@link #stalledUpstream} says why. The pipe pauses this stream only when the upstream connection is
 * not writable; paused for {@code responseTimeout} is the upstream's stall (nginx's {@code proxy_send_timeout}).
 * A timer is armed only then, never for a body that flows. Neither moment acts once the response has come.
 */
final class ClientBody implements ReadStream<Buffer> {

  private final HttpServerRequest request;
  /** The upstream's {@code responseTimeout}: how long it may stall the body, then wait to answer once sent. */
  private final long timeoutMillis;
  private HttpClientRequest outbound;
  private long pausedAt;
  private long timer = -1;
  private boolean done;
  private boolean answered;
  private boolean stalled;

  ClientBody(HttpServerRequest request, long timeoutMillis) {
    this.request = request;
    this.timeoutMillis = timeoutMillis;
  }

  /** The upstream request this body goes out on: the one timed and, on a stall, reset. */
  void sendingOn(HttpClientRequest outbound) {
    this.outbound = outbound;
  }

  /** The upstream stalled the body for {@code responseTimeout} and its request was reset for it. */
  boolean stalledUpstream() {
    return stalled;
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
      if (!answered && outbound != null && timeoutMillis > 0) {
        outbound.idleTimeout(timeoutMillis);
      }
    });
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    request.pause();
    if (!done && timeoutMillis > 0) {
      pausedAt = System.nanoTime();
      if (timer < 0) {
        timer = Vertx.currentContext().owner().setTimer(timeoutMillis, this::checkStall);
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

  /** The upstream's response has come: no timeout of this body's is the upstream's any more. */
  void answered() {
    answered = true;
    finish();
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
    if (waitedMillis >= timeoutMillis) {
      done = true;
      if (!answered && outbound != null) {
        stalled = true;
        outbound.reset(0, new TimeoutException("request body not taken"));
      }
    } else {
      timer = Vertx.currentContext().owner().setTimer(timeoutMillis - waitedMillis, this::checkStall);
    }
  }
}
