package io.holdfast.status;

import io.holdfast.bus.AccessLogStats;
import io.holdfast.bus.Addresses;
import io.holdfast.bus.LocalDelivery;
import io.holdfast.bus.HealthReport;
import io.holdfast.bus.InstanceStats;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks every listener instance for its counters, in parallel: when someone asks for the status, and every
 * sample period for the stats history. One bus request per instance each time; the data plane only reads
 * its plain counters when asked, never sends anything per request.
 */
final class StatsCollector {

  /** How long an instance may take to answer; its event loop is busy serving, so allow a generous slice. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  private final EventBus bus;
  private final DeliveryOptions delivery;

  StatsCollector(EventBus bus, Duration timeout) {
    this.bus = bus;
    this.delivery = LocalDelivery.options(timeout);
  }

  /** The answers received, and the instances that did not answer (no handler, timeout or failure). */
  record Collection(List<InstanceStats> stats, List<String> silent) {
  }

  /** The health owner's report, or null when it does not answer (not deployed, or too slow). */
  Future<HealthReport> health() {
    return bus.<HealthReport>request(Addresses.HEALTH_CURRENT, null, delivery)
        .transform(ar -> Future.succeededFuture(ar.succeeded() ? ar.result().body() : null));
  }

  /** The access log writer's counts, or {@link AccessLogStats#OFF} when nothing answers. */
  Future<AccessLogStats> accessLog() {
    return bus.<AccessLogStats>request(Addresses.ACCESS_LOG_STATS, null, delivery)
        .transform(ar -> Future.succeededFuture(ar.succeeded() ? ar.result().body() : AccessLogStats.OFF));
  }

  Future<Collection> collect(List<String> instanceIds) {
    List<Future<InstanceStats>> requests = new ArrayList<>(instanceIds.size());
    for (String id : instanceIds) {
      requests.add(bus.<InstanceStats>request(Addresses.instanceStats(id), null, delivery).map(Message::body));
    }
    // join waits for every answer, failed or not, so one silent instance does not hide the others.
    return Future.join(requests).transform(ignored -> {
      List<InstanceStats> stats = new ArrayList<>();
      List<String> silent = new ArrayList<>();
      for (int i = 0; i < requests.size(); i++) {
        Future<InstanceStats> f = requests.get(i);
        if (f.succeeded() && f.result() != null) {
          stats.add(f.result());
        } else {
          silent.add(instanceIds.get(i));
        }
      }
      return Future.succeededFuture(new Collection(stats, silent));
    });
  }
}
