package io.holdfast.listener.connection;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * One client connection as the governor sees it. Event-loop confined: plain fields, no locks. Exchanges
 * are counted rather than flagged because with pipelining Vert.x starts request N+1 before it calls
 * response N's end handler.
 */
final class ConnectionState {

  final HttpConnection connection;
  final long openedAt;
  long idleSince;
  /** Requests started on this connection. */
  int requests;
  /** Responses ended (or abandoned by a close). */
  int ended;
  /** The response of the request started last; its headers decide {@code Connection: close}. */
  HttpServerResponse response;
  /** The request started last while its body may still arrive (a response can end before it does). */
  HttpServerRequest request;
  boolean http10;
  boolean head;
  /** No further request will be served: the connection closes once the current response is out. */
  boolean closing;
  CloseReason reason;
  boolean errored;

  /** Reused for every response on this connection, so the hot path allocates no handler. */
  Handler<Void> onResponseEnd;

  ConnectionState(HttpConnection connection, long now) {
    this.connection = connection;
    this.openedAt = now;
    this.idleSince = now;
  }

  /** Whether a request whose head was accepted is still receiving its body. */
  boolean receivingBody() {
    return request != null && !request.isEnded();
  }

  boolean busy() {
    return requests > ended;
  }

  /** Still waiting for its first request head: nginx's "reading", as near as Vert.x lets us see. */
  boolean awaitingFirstRequest() {
    return requests == 0;
  }

  void markClosing(CloseReason why) {
    closing = true;
    if (reason == null) {
      reason = why;
    }
  }
}
