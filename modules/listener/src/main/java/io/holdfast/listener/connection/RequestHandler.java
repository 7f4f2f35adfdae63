package io.holdfast.listener.connection;

import io.holdfast.proxy.ExchangeTrace;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/**
 * What serves the requests {@link ClientConnections} lets through, told where to report the upstream side
 * of each one for the access log ({@link ExchangeTrace#NONE} when the log is off). A plain
 * {@code Handler<HttpServerRequest>} installed instead gets no trace.
 */
@FunctionalInterface
public interface RequestHandler extends Handler<HttpServerRequest> {

  void handle(HttpServerRequest request, ExchangeTrace trace);

  @Override
  default void handle(HttpServerRequest request) {
    handle(request, ExchangeTrace.NONE);
  }
}
