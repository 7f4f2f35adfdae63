package io.holdfast.config;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Who decides a config change's version and who else applies it. {@link #ALONE}, a single process: the
 * config verticle validates and applies as the running version plus one, in one step. A fleet coordinator
 * (module fleet) serialises changes across nodes and gives each the fleet's next version. Runs on the config
 * verticle's event loop; every step it takes through {@link ConfigSteps} is queued there.
 */
public interface ChangeCoordinator {

  ChangeCoordinator ALONE = (request, steps) -> steps.applyHere(request);

  Future<ConfigChangeResult> change(ChangeRequest request, ConfigSteps steps);

  /** Called once when the config verticle has started, on its context. */
  default void start(Vertx vertx, ConfigSteps steps) {
  }

  default void stop() {
  }

  /** The {@link FleetChange#changeId()} of the config the process started with ({@code ""}: none). */
  default String initialChangeId() {
    return "";
  }
}
