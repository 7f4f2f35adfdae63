package io.holdfast.upstream.health;

import io.holdfast.bus.HealthReport;
import io.holdfast.bus.PassiveMark;
import io.holdfast.config.HoldfastConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The owner of server health for the whole process: probes the servers of every upstream with a
 * {@code healthCheck} ({@link ProbeSchedule}, {@link Prober}), merges them with the passive marks listener
 * instances report ({@link HealthBoard}), and hands a new {@link HealthReport} to {@code publisher} whenever
 * what the instances read changes. A plain class on one context: create it and call it there (the upstream
 * verticle does; tests drive it without deploying).
 */
public final class HealthOwner {

  private final Vertx vertx;
  private final Consumer<HealthReport> publisher;
  private final HealthBoard board;
  private final Prober prober;
  private final ProbeSchedule schedule;
  private long expiryTimer = -1;
  private long expiryAt;

  public HealthOwner(Vertx vertx, Consumer<HealthReport> publisher) {
    this(vertx, Clock.systemUTC(), publisher);
  }

  HealthOwner(Vertx vertx, Clock clock, Consumer<HealthReport> publisher) {
    this.vertx = vertx;
    this.publisher = publisher;
    this.board = new HealthBoard(clock);
    this.prober = new Prober(vertx, clock);
    this.schedule = new ProbeSchedule(vertx, prober, this::probed);
  }

  /** Follows {@code config}: its servers, its checks, their intervals (changes apply at once). */
  public void apply(HoldfastConfig config) {
    Map<ServerKey, ProbeTarget> targets = ProbeTargets.of(config);
    boolean changed = board.reconcile(config, targets.keySet(), System.nanoTime());
    schedule.follow(targets);
    prober.retain(targets.values());
    if (changed) {
      publish();
    }
  }

  /** A listener instance's passive transition: a mark (or its lift) for every instance. */
  public void passive(PassiveMark mark) {
    if (board.passive(mark, System.nanoTime())) {
      publish();
      armExpiry();
    }
  }

  /** Every server's state now, last probes included: for the status pages and for instances that start. */
  public HealthReport report() {
    return board.report(System.nanoTime());
  }

  /** Servers being probed. */
  public int probed() {
    return schedule.size();
  }

  public Future<Void> close() {
    schedule.stop();
    if (expiryTimer >= 0) {
      vertx.cancelTimer(expiryTimer);
    }
    return prober.close();
  }

  private void probed(ProbeTarget target, ProbeResult result) {
    if (board.probed(target.key(), result, target.check().rise(), target.check().fall(), System.nanoTime())) {
      publish();
    }
  }

  private void publish() {
    publisher.accept(board.report(System.nanoTime()));
  }

  /** One timer, at the end of the earliest mark in force, publishes its end (instances time it out themselves too). */
  private void armExpiry() {
    long now = System.nanoTime();
    long next = board.nextExpiry(now);
    if (next == 0 || expiryTimer >= 0 && expiryAt - next <= 0) {
      return;
    }
    if (expiryTimer >= 0) {
      vertx.cancelTimer(expiryTimer);
    }
    expiryAt = next;
    expiryTimer = vertx.setTimer(Math.max(1, (next - now) / 1_000_000 + 1), id -> {
      expiryTimer = -1;
      if (board.expire(System.nanoTime())) {
        publish();
      }
      armExpiry();
    });
  }
}
