package io.holdfast.admin;

import io.holdfast.bus.Addresses;
import io.holdfast.bus.LocalDelivery;
import io.holdfast.bus.StatusQuery;
import io.holdfast.bus.StatusMediaTypes;
import io.holdfast.config.ConfigError;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/**
 * /status, /status.json (this node, or with {@code ?scope=cluster} every fleet node and the sums), /metrics
 * and /healthz: each one {@link StatusQuery} to the status verticle.
 */
final class StatusEndpoints {

  static final String NODE = "node";
  static final String CLUSTER = "cluster";

  private final EventBus bus;

  StatusEndpoints(EventBus bus) {
    this.bus = bus;
  }

  /** {@code /status.json}: {@code scope} {@value #NODE} (the default) or {@value #CLUSTER}. */
  void serveJson(HttpServerRequest request) {
    String scope = request.getParam("scope", NODE);
    switch (scope) {
      case NODE -> serve(request, StatusQuery.STATUS_JSON);
      case CLUSTER -> serve(request, StatusQuery.CLUSTER_JSON);
      default -> AdminResponses.errors(request.response(), 400,
          List.of(new ConfigError("scope", "must be " + NODE + " or " + CLUSTER + ", got \"" + scope + "\"")));
    }
  }

  void serve(HttpServerRequest request, StatusQuery query) {
    bus.<String>request(Addresses.STATUS_QUERY, query, LocalDelivery.options()).onComplete(ar -> {
      if (ar.succeeded()) {
        AdminResponses.text(request.response(), 200, StatusMediaTypes.of(query), ar.result().body());
      } else if (query == StatusQuery.HEALTH) {
        // Whatever keeps the status verticle from answering also means "not healthy".
        AdminResponses.text(request.response(), 503, StatusMediaTypes.TEXT, reason(ar.cause()) + "\n");
      } else {
        AdminResponses.error(request.response(), 503, "status unavailable: " + reason(ar.cause()));
      }
    });
  }

  private static String reason(Throwable failure) {
    return failure instanceof ReplyException reply ? reply.getMessage() : String.valueOf(failure);
  }
}
