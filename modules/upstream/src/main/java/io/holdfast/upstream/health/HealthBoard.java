package io.holdfast.upstream.health;

import io.holdfast.bus.HealthReport;
import io.holdfast.bus.PassiveMark;
import io.holdfast.config.HoldfastConfig;
import io.holdfast.config.ServerConfig;
import io.holdfast.config.UpstreamConfig;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Every configured server's health, merged: probe verdicts ({@link RiseFall}) and passive marks from any
 * listener instance, each mark in force for the upstream's {@code failTimeout} on every instance (nginx's
 * passive health with a shared {@code zone}). Each method that changes what instances read (a probe verdict,
 * a mark) returns true, so the caller publishes a new report. Plain class on the owner's context; time is
 * passed in ({@link System#nanoTime()}) and the wall clock injected, so tests drive it directly.
 */
final class HealthBoard {

  private static final Logger LOG = Logger.getLogger(HealthBoard.class.getName());

  private final Map<ServerKey, ServerRecord> records = new LinkedHashMap<>();
  private final Clock clock;
  private long sequence;

  HealthBoard(Clock clock) {
    this.clock = clock;
  }

  /**
   * Follows a config: a server that stays keeps its state, a new one starts up, a removed one is forgotten;
   * a server whose upstream no longer has checks loses its probe verdict. {@code checked}: servers with checks.
   */
  boolean reconcile(HoldfastConfig config, Set<ServerKey> checked, long now) {
    Map<ServerKey, ServerRecord> kept = new LinkedHashMap<>();
    boolean changed = false;
    for (UpstreamConfig upstream : config.upstreams().values()) {
      for (ServerConfig server : upstream.servers()) {
        ServerKey key = new ServerKey(upstream.name(), server.address());
        ServerRecord record = records.get(key);
        if (record == null) {
          record = new ServerRecord(key, clock.instant());
        }
        boolean wasProbeDown = !record.probes.up();
        record.configure(upstream, checked.contains(key));
        if (!record.passiveEnabled && record.markSince != 0) {
          record.clearMark();
          changed = true;
        }
        changed |= wasProbeDown != !record.probes.up();
        changed |= settle(record, now, null);
        kept.putIfAbsent(key, record);
      }
    }
    records.clear();
    records.putAll(kept);
    return changed;
  }

  /** A probe of {@code key} ended; stale results (server gone, checks off) are ignored. */
  boolean probed(ServerKey key, ProbeResult result, int rise, int fall, long now) {
    ServerRecord record = records.get(key);
    if (record == null || !record.checked) {
      return false;
    }
    record.count(result);
    if (!record.probes.record(result.passed(), rise, fall)) {
      return false;
    }
    LOG.info(() -> "upstream " + key.upstream() + " server " + key.server() + (record.probes.up()
        ? " passed " + rise + " probe(s) in a row" : " failed " + fall + " probe(s) in a row, last: " + describe(result)));
    settle(record, now, HealthReport.SOURCE_PROBE);
    return true;
  }

  /** An instance's passive transition on a server. */
  boolean passive(PassiveMark mark, long now) {
    ServerRecord record = records.get(new ServerKey(mark.upstream(), mark.server()));
    if (record == null || !record.passiveEnabled) {
      return false;
    }
    if (mark.down()) {
      if (record.markInForce(now)) {
        return false;
      }
      record.markSince = now;
      record.markUntil = now + record.failTimeoutNanos;
      record.markUntilWall = clock.instant().plus(Duration.ofNanos(record.failTimeoutNanos));
      LOG.info(() -> "upstream " + mark.upstream() + " server " + mark.server()
          + " marked down passively for " + Duration.ofNanos(record.failTimeoutNanos).toMillis() + " ms on every instance");
    } else {
      if (!record.markInForce(now)) {
        return false;
      }
      record.clearMark();
      LOG.info(() -> "upstream " + mark.upstream() + " server " + mark.server() + " answered again: passive mark lifted");
    }
    settle(record, now, HealthReport.SOURCE_PASSIVE);
    return true;
  }

  /** Ends the marks whose time is over. */
  boolean expire(long now) {
    boolean changed = false;
    for (ServerRecord record : records.values()) {
      if (record.markSince != 0 && !record.markInForce(now)) {
        record.clearMark();
        settle(record, now, HealthReport.SOURCE_PASSIVE);
        changed = true;
      }
    }
    return changed;
  }

  /** {@link System#nanoTime()} when the earliest mark in force ends, or 0 when none is. */
  long nextExpiry(long now) {
    long next = 0;
    for (ServerRecord record : records.values()) {
      if (record.markInForce(now) && (next == 0 || record.markUntil - next < 0)) {
        next = record.markUntil;
      }
    }
    return next;
  }

  HealthReport report(long now) {
    List<HealthReport.Server> servers = new ArrayList<>(records.size());
    records.values().forEach(record -> servers.add(record.report(now)));
    return new HealthReport(++sequence, servers);
  }

  private boolean settle(ServerRecord record, long now, String cause) {
    return record.settle(now, cause, clock.instant());
  }

  private static String describe(ProbeResult result) {
    return result.probe().error() != null ? result.probe().error() : "status " + result.probe().status();
  }
}
