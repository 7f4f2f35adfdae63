package io.holdfast.listener.connection;

import io.holdfast.listener.framing.ClientWire;
import io.holdfast.listener.framing.InvalidRequests;
import io.holdfast.listener.h2.H2Requests;
import io.holdfast.listener.h2.H2Wire;
import io.netty.handler.codec.http2.Http2Error;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;

import java.util.function.Consumer;

/**
 * The HTTP/2 part of a listener's connection governance: watching an HTTP/2 connection's frames, taking over a
 * plain connection that opens with the preface (h2c with prior knowledge), and admitting each stream as the
 * HTTP/1.1 request the upstream gets. The limits and timeouts themselves are {@link ClientLimits} and
 * {@link TimeoutSweep}'s, as for HTTP/1.x. Event-loop confined.
 */
final class Http2Streams {

  private final InvalidRequests invalidRequests;
  private final ListenerCounters counters;
  private final PriorKnowledge priorKnowledge = new PriorKnowledge();

  Http2Streams(InvalidRequests invalidRequests, ListenerCounters counters) {
    this.invalidRequests = invalidRequests;
    this.counters = counters;
  }

  /**
   * The frame watch of {@code connection} when it speaks HTTP/2, else null. An h2c connection that began as
   * HTTP/1.x was counted then; its earlier self goes to {@code carriedOver}, since it is the same connection.
   */
  H2Wire watch(HttpConnection connection, Consumer<ConnectionState> carriedOver) {
    H2Wire h2 = H2Wire.install(connection);
    if (h2 != null) {
      ConnectionState before = priorKnowledge.completed(connection);
      if (before != null) {
        carriedOver.accept(before);
      }
    }
    return h2;
  }

  /** Logs refused streams and tells a client's GOAWAY from a server shutdown for {@code state}. */
  void govern(H2Wire h2, HttpConnection connection, ConnectionState state) {
    h2.onRefusal(reason -> invalidRequests.refusedStream(connection, reason));
    // Dispatched before the shutdown handler: a GOAWAY from the client is the client's close.
    connection.goAwayHandler(goAway -> state.markClosing(CloseReason.CLIENT));
  }

  /** A plain connection whose first bytes turn out to be the HTTP/2 preface continues as HTTP/2. */
  void offerPriorKnowledge(ClientWire wire, ConnectionState state, String origin, Handler<HttpServerRequest> requests,
                           Handler<HttpConnection> connections, Handler<ConnectionState> closedBeforeSettings) {
    wire.onPriorKnowledge(v -> priorKnowledge.begin(state, origin, requests, connections, closedBeforeSettings));
  }

  /**
   * A stream translated to the HTTP/1.1 request the upstream gets; false when it was answered here instead (414
   * past {@code maxUriLength}), the connection and its other streams going on. A malformed request never gets
   * here: {@link H2Wire} refuses it as a stream error.
   */
  boolean admit(H2Wire h2, HttpServerRequest request, int maxUriLength) {
    counters.http2Streams++;
    int stream = request.streamId();
    boolean body = h2.hasBody(stream);
    h2.attach(stream, request.response());
    if (request.uri().length() <= maxUriLength) {
      H2Requests.translate(request, body);
      return true;
    }
    invalidRequests.refusedStream(request, 414).onComplete(answered -> {
      if (body) {
        // The body is not wanted: RST_STREAM(NO_ERROR) after the answer tells the client to stop sending it.
        h2.reset(stream, Http2Error.NO_ERROR);
      }
    });
    return false;
  }
}
