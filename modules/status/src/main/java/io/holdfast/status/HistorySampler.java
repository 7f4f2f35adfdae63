package io.holdfast.status;

import io.holdfast.bus.Addresses;
import io.holdfast.bus.LocalDelivery;
import io.holdfast.bus.RuntimeInfo;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.status.advice.Advice;
import io.holdfast.status.advice.KeepaliveAdvisor;
import io.holdfast.status.history.RatesJson;
import io.holdfast.status.history.StatsHistory;
import io.holdfast.status.history.StatsSample;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Collects every instance's counters once per period into the {@link StatsHistory}, whether or not anyone
 * watches (the advisor needs the last minutes), and publishes each sample's dashboard frame on
 * {@link Addresses#STATUS_SAMPLE}. A collection still running when the next period starts is not doubled.
 * Confined to the status verticle's event loop.
 */
final class HistorySampler {

  private static final Logger LOG = Logger.getLogger(HistorySampler.class.getName());

  private final Vertx vertx;
  private final Duration period;
  private final StatsHistory history;
  private final Supplier<Future<StatsAggregate>> collect;
  private final Supplier<ConfigSnapshot> running;
  private final RuntimeInfo runtime;
  private long timer = -1;
  private boolean collecting;
  private List<Advice> advice = List.of();
  private String latestFrame;

  HistorySampler(Vertx vertx, Duration period, Supplier<Future<StatsAggregate>> collect,
      Supplier<ConfigSnapshot> running, RuntimeInfo runtime) {
    this.vertx = vertx;
    this.period = period;
    this.history = new StatsHistory(period);
    this.collect = collect;
    this.running = running;
    this.runtime = runtime;
  }

  void start() {
    timer = vertx.setPeriodic(0, period.toMillis(), id -> sample());
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void sample() {
    if (collecting) {
      return;
    }
    collecting = true;
    collect.get().onComplete(ar -> {
      collecting = false;
      if (ar.succeeded()) {
        record(ar.result(), System.currentTimeMillis());
      } else {
        LOG.fine(() -> "stats sample skipped: " + ar.cause());
      }
    });
  }

  private void record(StatsAggregate aggregate, long now) {
    ConfigSnapshot config = running.get();
    history.add(StatsSample.of(now, config, aggregate.listeners().values(), aggregate.servers().values()));
    List<StatsSample> samples = history.samples();
    advice = KeepaliveAdvisor.advise(samples);
    StatsSample previous = samples.size() < 2 ? null : samples.get(samples.size() - 2);
    JsonObject frame = new JsonObject()
        .put("at", now)
        .put("tokenRequired", config.config().admin().token() != null)
        .put("status", StatusJsonRenderer.render(aggregate, runtime, config, Instant.ofEpochMilli(now)))
        .put("rates", RatesJson.render(previous, samples.get(samples.size() - 1)))
        .put("advice", KeepaliveAdvisor.toJson(advice));
    latestFrame = frame.encode();
    vertx.eventBus().publish(Addresses.STATUS_SAMPLE, latestFrame, LocalDelivery.options());
  }

  /** The advice from the newest sample. */
  List<Advice> advice() {
    return advice;
  }

  /** {@link io.holdfast.bus.StatusQuery#HISTORY}: the rates of every interval held, and the latest frame. */
  String historyJson() {
    List<StatsSample> samples = history.samples();
    JsonArray frames = new JsonArray();
    for (int i = 1; i < samples.size(); i++) {
      frames.add(RatesJson.render(samples.get(i - 1), samples.get(i)));
    }
    return "{\"frames\":" + frames.encode() + ",\"latest\":" + (latestFrame == null ? "null" : latestFrame) + "}";
  }
}
