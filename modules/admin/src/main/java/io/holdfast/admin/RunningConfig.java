package io.holdfast.admin;

import io.holdfast.bus.Addresses;
import io.holdfast.bus.LocalDelivery;
import io.holdfast.config.ConfigSnapshot;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;

/**
 * The config that runs, asked of the config verticle at each protected request: the admin API is rare
 * traffic, and asking means a token changed through the API applies to the very next request.
 */
final class RunningConfig {

  private final EventBus bus;

  RunningConfig(EventBus bus) {
    this.bus = bus;
  }

  Future<ConfigSnapshot> current() {
    return bus.<ConfigSnapshot>request(Addresses.CONFIG_CURRENT, null, LocalDelivery.options()).map(Message::body);
  }
}
