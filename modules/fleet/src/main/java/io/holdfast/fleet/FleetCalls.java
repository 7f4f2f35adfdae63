package io.holdfast.fleet;

import io.holdfast.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Asks other nodes one question each, in parallel, over the clustered event bus (their
 * {@link Addresses#fleetNode} address, JSON both ways), and waits for every answer or its timeout: one
 * silent node never hides the others' answers.
 */
final class FleetCalls {

  /** One node's answer, or why there was none. */
  record Answer(String nodeId, JsonObject body, Throwable failure) {

    boolean answered() {
      return body != null;
    }

    /** The node's cluster address when it answered, else its id. */
    String address() {
      return answered() ? body.getString(NodeOps.ADDRESS, nodeId) : nodeId;
    }
  }

  private final EventBus bus;

  FleetCalls(EventBus bus) {
    this.bus = bus;
  }

  Future<List<Answer>> ask(Collection<String> nodeIds, JsonObject question, Duration timeout) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(timeout.toMillis());
    List<String> ids = List.copyOf(nodeIds);
    List<Future<JsonObject>> calls = new ArrayList<>(ids.size());
    for (String id : ids) {
      calls.add(bus.<JsonObject>request(Addresses.fleetNode(id), question, options).map(Message::body));
    }
    return Future.join(calls).transform(ignored -> {
      List<Answer> answers = new ArrayList<>(ids.size());
      for (int i = 0; i < ids.size(); i++) {
        Future<JsonObject> call = calls.get(i);
        answers.add(call.succeeded() && call.result() != null
            ? new Answer(ids.get(i), call.result(), null)
            : new Answer(ids.get(i), null, call.cause()));
      }
      return Future.succeededFuture(answers);
    });
  }
}
