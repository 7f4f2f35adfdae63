package io.holdfast.admin;

import io.holdfast.bus.Addresses;
import io.holdfast.bus.LocalDelivery;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * {@code GET /cluster}: the fleet's nodes as the fleet verticle collects them (each node's id, cluster
 * address, config version, since when it is in the fleet, whether its listeners are up). Read-only and open
 * like the status endpoints. With clustering off nothing answers the fleet address, and the answer says so.
 */
final class ClusterEndpoint {

  /** The document when this process is not in a fleet. */
  static final JsonObject NOT_CLUSTERED = new JsonObject().put("enabled", false).put("nodes", new JsonArray());

  private final EventBus bus;

  ClusterEndpoint(EventBus bus) {
    this.bus = bus;
  }

  void serve(HttpServerRequest request) {
    bus.<JsonObject>request(Addresses.FLEET_NODES, null, LocalDelivery.options()).onComplete(ar -> {
      if (ar.succeeded()) {
        AdminResponses.json(request.response(), 200, ar.result().body());
      } else if (ar.cause() instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
        AdminResponses.json(request.response(), 200, NOT_CLUSTERED.copy());
      } else {
        AdminResponses.error(request.response(), 503, "fleet unavailable: " + ar.cause().getMessage());
      }
    });
  }
}
