package io.holdfast.app.lifecycle;

import io.holdfast.bus.AccessLogStats;
import io.holdfast.bus.ConfigRollback;
import io.holdfast.bus.HealthReport;
import io.holdfast.bus.InstanceAnnouncement;
import io.holdfast.bus.InstanceStats;
import io.holdfast.bus.ListenerBinding;
import io.holdfast.bus.LocalCodec;
import io.holdfast.bus.PassiveMark;
import io.holdfast.bus.StatusQuery;
import io.holdfast.config.ConfigChange;
import io.holdfast.config.ConfigChangeResult;
import io.holdfast.config.ConfigHistory;
import io.holdfast.config.ConfigRejection;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.config.FleetChange;
import io.holdfast.routing.RouteTables;
import io.holdfast.upstream.UpstreamPlan;
import io.vertx.core.eventbus.EventBus;

import java.util.List;

/**
 * The whole bus vocabulary, registered once before any verticle runs. Verticles register what they use
 * too (registration is idempotent); doing it here as well means no message is ever sent before its
 * codec exists, whatever order the verticles start in.
 */
final class BusCodecs {

  static final List<Class<?>> TYPES = List.of(
      ConfigSnapshot.class, ConfigChange.class, ConfigChangeResult.class, ConfigRejection.class,
      ConfigHistory.class, ConfigRollback.class, FleetChange.class,
      RouteTables.class, UpstreamPlan.class,
      InstanceAnnouncement.class, InstanceStats.class, ListenerBinding.class, StatusQuery.class,
      HealthReport.class, PassiveMark.class, AccessLogStats.class);

  private BusCodecs() {
  }

  static void registerAll(EventBus bus) {
    for (Class<?> type : TYPES) {
      LocalCodec.register(bus, type);
    }
  }
}
