package io.holdfast.upstream.health;

import io.holdfast.bus.HealthReport;
import io.holdfast.bus.PassiveMark;
import io.holdfast.config.UpstreamConfig;
import io.holdfast.upstream.balance.PassiveHealth;

import java.util.function.Consumer;

/**
 * One server's health as one listener instance sees it, read by the balancers on every pick: its own
 * passive verdict ({@link PassiveHealth}, nginx's {@code max_fails}) and what the owner of server health
 * published last — the probe verdict and a passive mark placed by any instance. Shared by every pool
 * generation of the server on the instance, so a reload keeps it. Event-loop confined: the owner's
 * {@link HealthReport} is applied on this loop, nothing here is read from another thread.
 *
 * <p>Own passive transitions go to the owner through {@code reporter}: down when this instance marks the
 * server down while no mark is in force, up when a request started after the mark succeeds. Never per request.
 */
public final class ServerHealth {

  private final String upstream;
  private final String server;
  private final Consumer<PassiveMark> reporter;
  private PassiveHealth passive;
  private boolean probeDown;
  /**
   * The owner's passive mark ({@code System.nanoTime()}; 0 = none), whether this instance set it aside (revived
   * the server, or saw it answer) and whether it asked the owner to lift it.
   */
  private long markSince;
  private long markUntil;
  private boolean markSetAside;
  private boolean liftAsked;

  public ServerHealth(String upstream, String server, Consumer<PassiveMark> reporter) {
    this.upstream = upstream;
    this.server = server;
    this.reporter = reporter;
  }

  /** Takes the passive settings of {@code config}; counts survive unless the settings changed. */
  public ServerHealth configure(UpstreamConfig config) {
    boolean sole = config.servers().size() == 1;
    if (passive == null || !passive.sameSettings(config.maxFails(), config.failTimeout(), sole)) {
      passive = new PassiveHealth(config.maxFails(), config.failTimeout(), sole);
    }
    return this;
  }

  public boolean down(long now) {
    return probeDown || markInForce(now) && !markSetAside || passive.down(now);
  }

  /** Down on active probes: no passive reprieve brings it back, only passing probes. */
  public boolean probeDown() {
    return probeDown;
  }

  /** A failure the pool blames on this server (connect refused or timed out, reset, response timeout). */
  public void failure(long now) {
    boolean wasDown = passive.down(now);
    if (passive.failure(now) && !wasDown && !markInForce(now)) {
      reporter.accept(new PassiveMark(upstream, server, true, now));
    }
  }

  /** A response came; {@code leaseStartedAt}: when its request was given the connection. */
  public void success(long leaseStartedAt) {
    passive.success();
    // The clock is read only while a mark exists: this runs for every response.
    if (markSince != 0 && !liftAsked && leaseStartedAt - markSince > 0 && markInForce(System.nanoTime())) {
      // Sent after the mark and served: nginx's trial request after fail_timeout. Lift it everywhere.
      liftAsked = true;
      markSetAside = true;
      reporter.accept(new PassiveMark(upstream, server, false, System.nanoTime()));
    }
  }

  /**
   * Every server of the upstream is down: make this one eligible again on this instance (nginx's recovery
   * when all peers failed). A passive verdict is set aside; a probe verdict is not.
   */
  public void revive() {
    passive.revive();
    markSetAside = true;
  }

  /** The owner's latest word on this server. */
  public void apply(HealthReport.Server published) {
    probeDown = published.probeDown();
    if (published.passiveSinceNanos() != markSince) {
      boolean lifted = markSince != 0 && published.passiveSinceNanos() == 0;
      markSince = published.passiveSinceNanos();
      markUntil = published.passiveUntilNanos();
      markSetAside = false;
      liftAsked = false;
      if (lifted) {
        // Ended or lifted for all instances: this instance's own verdict ends with it.
        passive.revive();
      }
    }
  }

  private boolean markInForce(long now) {
    return markSince != 0 && now - markUntil < 0;
  }
}
