package io.holdfast.upstream.balance;

import java.time.Duration;

/**
 * nginx's passive health check for one server: {@code maxFails} failures within {@code failTimeout} mark
 * it down for {@code failTimeout}. Disabled (never down) when {@code maxFails} or {@code failTimeout} is
 * 0, and for an upstream with a single server, which nginx never marks down either.
 */
public final class PassiveHealth {

  private final int maxFails;
  private final long failTimeoutNanos;
  private final boolean soleServer;
  private final boolean enabled;
  private int fails;
  private long firstFailAt;
  private long downUntil;

  public PassiveHealth(int maxFails, Duration failTimeout, boolean soleServer) {
    this.maxFails = maxFails;
    this.failTimeoutNanos = failTimeout.toNanos();
    this.soleServer = soleServer;
    this.enabled = !soleServer && maxFails > 0 && failTimeoutNanos > 0;
  }

  public boolean down(long now) {
    return enabled && downUntil != 0 && now - downUntil < 0;
  }

  /** Counts a failure; true when it marks the server down. */
  public boolean failure(long now) {
    if (!enabled) {
      return false;
    }
    if (fails == 0 || now - firstFailAt >= failTimeoutNanos) {
      fails = 0;
      firstFailAt = now;
    }
    if (++fails >= maxFails) {
      downUntil = now + failTimeoutNanos;
      fails = 0;
      return true;
    }
    return false;
  }

  /** Whether this verdict is reached with these settings: another config may keep it. */
  public boolean sameSettings(int maxFails, Duration failTimeout, boolean soleServer) {
    return this.maxFails == maxFails && this.failTimeoutNanos == failTimeout.toNanos()
        && this.soleServer == soleServer;
  }

  public void success() {
    fails = 0;
  }

  /** Makes the server eligible again: when every server is down, nginx lets them all be retried. */
  public void revive() {
    fails = 0;
    downUntil = 0;
  }
}
