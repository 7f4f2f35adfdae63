package io.holdfast.admin;

import io.holdfast.bus.Addresses;
import io.holdfast.bus.LocalDelivery;
import io.holdfast.bus.StatusQuery;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /dashboard/stream}: Server-Sent Events. On connect, one {@code history} event backfills the
 * five-minute history ({@link StatusQuery#HISTORY}); then every frame the status verticle publishes on
 * {@link Addresses#STATUS_SAMPLE} goes out as a {@code sample} event, to every open stream from one bus
 * consumer. Pushed, not polled: watchers cost nothing more than the sampling that runs anyway. A client
 * that stops reading is disconnected once its write queue is full; EventSource reconnects and is backfilled.
 */
final class DashboardStream {

  /** The reconnect delay EventSource is told to use, in ms. */
  static final int RETRY_MILLIS = 2000;

  private final EventBus bus;
  private final Set<HttpServerResponse> open = new LinkedHashSet<>();

  DashboardStream(EventBus bus) {
    this.bus = bus;
    bus.<String>localConsumer(Addresses.STATUS_SAMPLE, this::broadcast);
  }

  void open(HttpServerRequest request) {
    HttpServerResponse response = request.response();
    boolean[] closed = {false};
    response.closeHandler(v -> {
      closed[0] = true;
      open.remove(response);
    });
    response.setChunked(true)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .putHeader("X-Accel-Buffering", "no");
    response.write("retry: " + RETRY_MILLIS + "\n\n");
    bus.<String>request(Addresses.STATUS_QUERY, StatusQuery.HISTORY, LocalDelivery.options()).onComplete(ar -> {
      if (closed[0]) {
        return;
      }
      if (ar.failed()) {
        // The client reconnects after RETRY_MILLIS and asks again.
        response.end(": status unavailable: " + ar.cause().getMessage().replace('\n', ' ') + "\n\n");
        return;
      }
      response.write(event("history", ar.result().body()));
      open.add(response);
    });
  }

  /** Streams open now (for tests and logs). */
  int openStreams() {
    return open.size();
  }

  private void broadcast(Message<String> message) {
    String event = event("sample", message.body());
    for (HttpServerResponse response : List.copyOf(open)) {
      if (response.writeQueueFull()) {
        open.remove(response);
        response.reset();
      } else {
        response.write(event);
      }
    }
  }

  /** One SSE event; the JSON is on one line, as {@code encode()} writes it. */
  private static String event(String name, String json) {
    return "event: " + name + "\ndata: " + json + "\n\n";
  }
}
