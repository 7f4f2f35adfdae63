package io.holdfast.upstream.health;

import io.holdfast.bus.HealthReport;
import io.holdfast.config.UpstreamConfig;

import java.time.Instant;

/**
 * The owner's state of one server: its probe verdict, the passive mark in force (placed by any instance),
 * when its state last changed and why, its last probe and probe counts. Confined to the owner's context.
 */
final class ServerRecord {

  final ServerKey key;
  final RiseFall probes = new RiseFall();
  boolean checked;
  boolean passiveEnabled;
  long failTimeoutNanos;
  long markSince;
  long markUntil;
  Instant markUntilWall;
  private boolean up = true;
  private String upCause;
  private Instant since;
  HealthReport.Probe lastProbe;
  private final long[] counts = new long[ProbeResult.Outcome.values().length];

  ServerRecord(ServerKey key, Instant now) {
    this.key = key;
    this.since = now;
  }

  void configure(UpstreamConfig config, boolean checks) {
    passiveEnabled = config.servers().size() > 1 && config.maxFails() > 0 && !config.failTimeout().isZero();
    failTimeoutNanos = config.failTimeout().toNanos();
    if (checked && !checks) {
      probes.reset();
    }
    checked = checks;
  }

  void count(ProbeResult result) {
    counts[result.outcome().ordinal()]++;
    lastProbe = result.probe();
  }

  boolean markInForce(long now) {
    return markSince != 0 && now - markUntil < 0;
  }

  void clearMark() {
    markSince = 0;
    markUntil = 0;
    markUntilWall = null;
  }

  boolean up() {
    return up;
  }

  /**
   * Takes the state the verdicts give now; {@code cause} is what changed them. True when the server went up
   * or down.
   */
  boolean settle(long now, String cause, Instant wallNow) {
    boolean nowUp = probes.up() && !markInForce(now);
    if (nowUp == up) {
      return false;
    }
    up = nowUp;
    upCause = cause;
    since = wallNow;
    return true;
  }

  HealthReport.Server report(long now) {
    boolean marked = markInForce(now);
    String source = !up ? (probes.up() ? HealthReport.SOURCE_PASSIVE : HealthReport.SOURCE_PROBE) : upCause;
    HealthReport.ProbeCounts probeCounts = new HealthReport.ProbeCounts(counts[0], counts[1], counts[2], counts[3]);
    return new HealthReport.Server(key.upstream(), key.server(), up, source, since, checked, !probes.up(),
        marked ? markSince : 0, marked ? markUntil : 0, marked ? markUntilWall : null, lastProbe, probeCounts);
  }
}
