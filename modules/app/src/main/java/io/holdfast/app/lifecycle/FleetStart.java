package io.holdfast.app.lifecycle;

import io.holdfast.app.cluster.ClusterStart;
import io.holdfast.app.runtime.TransportChoice;
import io.holdfast.app.runtime.VertxFactory;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.config.HoldfastConfig;
import io.holdfast.fleet.FleetJoin;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;

/**
 * A clustered start ({@code cluster.enabled}): join the fleet, then take the fleet's current config before
 * anything serves. Only this class and {@code io.holdfast.app.cluster} are touched on that path, so a plain
 * start loads none of them.
 */
final class FleetStart {

  /** The clustered Vert.x, the config to start with, and the fleet wiring for the deployment. */
  record Started(Vertx vertx, ConfigSnapshot initial, FleetWiring fleet) {
  }

  private FleetStart() {
  }

  static Future<Started> start(HoldfastConfig config, TransportChoice transport, Path file, ConfigSnapshot fromFile) {
    return ClusterStart.start(config.cluster(), bus -> VertxFactory.builder(config, transport, bus))
        .compose(joined -> FleetJoin.join(joined.vertx(), file, fromFile, joined.node())
            .map(fleet -> new Started(joined.vertx(), fleet.snapshot(), new FleetWiring(joined.node(),
                joined.members(), fleet.changeId(), config.cluster().name())))
            .recover(e -> joined.vertx().close().transform(closed -> Future.failedFuture(e))));
  }
}
