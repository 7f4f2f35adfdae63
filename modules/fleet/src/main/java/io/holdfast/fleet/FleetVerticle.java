package io.holdfast.fleet;

import io.holdfast.bus.Addresses;
import io.holdfast.bus.LocalDelivery;
import io.holdfast.bus.StatusQuery;
import io.holdfast.config.ConfigChangeResult;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.config.FleetChange;
import io.holdfast.config.NodeReport;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

import java.time.Duration;

/**
 * This node's face to the fleet: the one consumer registered cluster-wide ({@link Addresses#fleetNode}),
 * answering other nodes' {@link NodeOps} questions from the local verticles, and the local
 * {@link Addresses#FLEET_NODES} / {@link Addresses#FLEET_STATUS} requests (for {@code GET /cluster} and
 * {@code /status.json?scope=cluster}), answered by asking every member.
 */
public final class FleetVerticle extends VerticleBase {

  /** How long a member may take to answer for {@code GET /cluster} or the cluster status. */
  static final Duration ASK_TIMEOUT = Duration.ofSeconds(2);

  private final FleetNode self;
  private final FleetMembers members;
  private final String clusterName;
  private FleetCalls calls;
  private FleetView view;

  public FleetVerticle(FleetNode self, FleetMembers members, String clusterName) {
    this.self = self;
    this.members = members;
    this.clusterName = clusterName;
  }

  @Override
  public Future<?> start() {
    EventBus bus = vertx.eventBus();
    calls = new FleetCalls(bus);
    view = new FleetView(self, clusterName);
    bus.localConsumer(Addresses.FLEET_NODES, msg -> calls.ask(members.nodes(), NodeOps.question(NodeOps.INFO),
        ASK_TIMEOUT).onSuccess(answers -> msg.reply(view.nodes(answers))));
    bus.localConsumer(Addresses.FLEET_STATUS, msg -> calls.ask(members.nodes(), NodeOps.question(NodeOps.STATUS),
        ASK_TIMEOUT).onSuccess(answers -> msg.reply(view.statuses(answers))));
    // The only cluster-wide consumer Holdfast registers; its messages are JSON.
    return bus.<JsonObject>consumer(Addresses.fleetNode(self.id()), this::answer).completion();
  }

  private void answer(Message<JsonObject> msg) {
    JsonObject question = msg.body();
    String op = question == null ? "" : question.getString(NodeOps.OP, "");
    Future<JsonObject> answer = switch (op) {
      case NodeOps.INFO -> info();
      case NodeOps.STATUS -> local(Addresses.STATUS_QUERY, StatusQuery.STATUS_JSON)
          .map(text -> NodeOps.answer(self).put("status", new JsonObject((String) text)));
      case NodeOps.CHECK -> this.<ConfigChangeResult>local(Addresses.CONFIG_CHECK, question.getJsonObject("document"))
          .map(result -> NodeOps.result(self, result).put(NodeOps.OUTCOME,
              result.errors().isEmpty() ? "ok" : "refused"));
      case NodeOps.ADOPT -> this.<ConfigChangeResult>local(Addresses.CONFIG_ADOPT,
              FleetChange.fromJson(question.getJsonObject("change")))
          // Already running that change (the reconciler was first) is as good as applying it now.
          .map(result -> NodeOps.result(self, result).put(NodeOps.OUTCOME,
              result.applied() ? NodeReport.APPLIED : NodeOps.outcome(result)));
      default -> Future.failedFuture("unknown fleet question: " + op);
    };
    answer.onSuccess(msg::reply).onFailure(e -> msg.fail(500, String.valueOf(e.getMessage())));
  }

  /** Identity, running version and health: one node of {@code GET /cluster}. */
  private Future<JsonObject> info() {
    Future<ConfigSnapshot> config = local(Addresses.CONFIG_CURRENT, null);
    Future<Object> health = local(Addresses.STATUS_QUERY, StatusQuery.HEALTH);
    return Future.join(config, health).transform(done -> {
      if (config.failed()) {
        return Future.failedFuture(config.cause());
      }
      return Future.succeededFuture(view.info(config.result(), health.succeeded(),
          health.succeeded() ? "ok" : String.valueOf(health.cause().getMessage())));
    });
  }

  private <T> Future<T> local(String address, Object body) {
    return vertx.eventBus().<T>request(address, body, LocalDelivery.options()).map(Message::body);
  }
}
