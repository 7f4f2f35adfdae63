package io.holdfast.app.lifecycle;

import io.holdfast.accesslog.AccessLogWriter;
import io.holdfast.bus.Addresses;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.listener.ListenerVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The listener instances, one deployment each, so that a config whose {@code instances} changed deploys
 * or undeploys the difference at runtime. A removed instance stops as on SIGTERM: it stops accepting,
 * its in-flight requests finish, the other instances keep serving the shared ports.
 */
final class ListenerInstances {

  private static final Logger LOG = Logger.getLogger(ListenerInstances.class.getName());

  private final Vertx vertx;
  private final AccessLogWriter accessLog;
  private final Deque<String> deploymentIds = new ArrayDeque<>();
  private MessageConsumer<ConfigSnapshot> consumer;
  // Scaling steps run one after another, so two quick config changes never race.
  private Future<?> queue = Future.succeededFuture();

  ListenerInstances(Vertx vertx, AccessLogWriter accessLog) {
    this.vertx = vertx;
    this.accessLog = accessLog;
  }

  /** Deploys {@code initial.config().instances()} instances, then follows the running config. */
  Future<Void> start(ConfigSnapshot initial) {
    return scaleTo(initial).onSuccess(v ->
        consumer = vertx.eventBus().localConsumer(Addresses.CONFIG_APPLIED, message -> {
          ConfigSnapshot snapshot = message.body();
          queue = queue.transform(done -> scaleTo(snapshot).onFailure(e ->
              LOG.log(Level.WARNING, "could not apply instances " + snapshot.config().instances() + ": " + e.getMessage(), e)));
        }));
  }

  int count() {
    return deploymentIds.size();
  }

  private Future<Void> scaleTo(ConfigSnapshot snapshot) {
    int wanted = snapshot.config().instances();
    int current = deploymentIds.size();
    if (wanted == current) {
      return Future.succeededFuture();
    }
    if (current > 0) {
      LOG.info(() -> "listener instances " + current + " -> " + wanted + " (config version " + snapshot.version() + ")");
    }
    Future<Void> chain = Future.succeededFuture();
    for (int i = current; i < wanted; i++) {
      chain = chain.compose(v -> vertx.deployVerticle(new ListenerVerticle(snapshot, accessLog::lane))
          .map(id -> {
            deploymentIds.push(id);
            return null;
          }));
    }
    for (int i = wanted; i < current; i++) {
      chain = chain.compose(v -> vertx.undeploy(deploymentIds.pop()));
    }
    return chain;
  }

  /** Undeploys every instance (each finishes its in-flight requests). */
  Future<Void> stop() {
    if (consumer != null) {
      consumer.unregister();
    }
    Future<Void> chain = Future.succeededFuture();
    while (!deploymentIds.isEmpty()) {
      String id = deploymentIds.pop();
      chain = chain.compose(v -> vertx.undeploy(id)
          .onFailure(e -> LOG.log(Level.WARNING, "stopping a listener instance failed: " + e.getMessage(), e))
          .otherwiseEmpty());
    }
    return chain;
  }
}
