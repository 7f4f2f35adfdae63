package io.holdfast.upstream.health;

import io.vertx.core.Vertx;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * One periodic timer per probed server on the owner's context. Following a new set of targets keeps the
 * timer of a server whose interval is unchanged (its next probe uses the new path, host, timeout and
 * status list), restarts it at once when the interval changed, stops it for a server no longer probed,
 * and probes a new server right away. A probe still running when its next one is due is not doubled.
 */
final class ProbeSchedule {

  private final Vertx vertx;
  private final Prober prober;
  private final BiConsumer<ProbeTarget, ProbeResult> sink;
  private final Map<ServerKey, Entry> entries = new HashMap<>();

  private static final class Entry {
    ProbeTarget target;
    long intervalMillis;
    long timer;
    boolean inFlight;
  }

  /** {@code sink} gets each result with the target as configured when the probe ended. */
  ProbeSchedule(Vertx vertx, Prober prober, BiConsumer<ProbeTarget, ProbeResult> sink) {
    this.vertx = vertx;
    this.prober = prober;
    this.sink = sink;
  }

  void follow(Map<ServerKey, ProbeTarget> targets) {
    entries.entrySet().removeIf(e -> {
      boolean gone = !targets.containsKey(e.getKey());
      if (gone) {
        vertx.cancelTimer(e.getValue().timer);
      }
      return gone;
    });
    targets.forEach((key, target) -> {
      long interval = Math.max(1, target.check().interval().toMillis());
      Entry entry = entries.get(key);
      if (entry == null) {
        entry = new Entry();
        entry.target = target;
        entries.put(key, entry);
        start(entry, interval);
        probe(key, entry);
        return;
      }
      entry.target = target;
      if (entry.intervalMillis != interval) {
        vertx.cancelTimer(entry.timer);
        start(entry, interval);
      }
    });
  }

  /** Servers probed now. */
  int size() {
    return entries.size();
  }

  void stop() {
    entries.values().forEach(entry -> vertx.cancelTimer(entry.timer));
    entries.clear();
  }

  private void start(Entry entry, long intervalMillis) {
    entry.intervalMillis = intervalMillis;
    ServerKey key = entry.target.key();
    entry.timer = vertx.setPeriodic(intervalMillis, id -> probe(key, entry));
  }

  private void probe(ServerKey key, Entry entry) {
    if (entry.inFlight || entries.get(key) != entry) {
      return;
    }
    entry.inFlight = true;
    prober.probe(entry.target).onComplete(ar -> {
      entry.inFlight = false;
      if (entries.get(key) == entry) {
        sink.accept(entry.target, ar.result());
      }
    });
  }
}
