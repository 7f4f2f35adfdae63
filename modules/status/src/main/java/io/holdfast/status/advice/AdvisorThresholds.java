package io.holdfast.status.advice;

import java.time.Duration;

/**
 * The numbers behind the advisor's rules, each explained in docs/advisor.md. No rule speaks from less
 * than {@link #MIN_WINDOW} of samples under the running limits and {@link #MIN_REQUESTS} requests.
 */
public final class AdvisorThresholds {

  /** Shortest stretch of samples taken under the limits being judged. */
  public static final Duration MIN_WINDOW = Duration.ofSeconds(10);
  /** Fewest requests (to the server, or on the listener) in that stretch. */
  public static final long MIN_REQUESTS = 300;
  /** New upstream connections per 100 requests from which a pool churns: a handshake per 20 requests. */
  public static final double CHURN_PER_100_REQUESTS = 5.0;
  /** Idle cap suggested: the observed peak per instance with this headroom, rounded up to {@link #ROUND_CONNECTIONS_TO}. */
  public static final double PEAK_HEADROOM = 1.25;
  public static final int ROUND_CONNECTIONS_TO = 8;
  /** Fewest idle connections closed by the upstream (or stale retries) that show its idle limit is shorter. */
  public static final long MIN_STALE_EVENTS = 2;
  /** Client connections closed at {@code keepalive.requests} per 100 requests from which clients reconnect too often. */
  public static final double FORCED_RECONNECTS_PER_100_REQUESTS = 1.0;
  /** Fewest closes of one reason a listener rule speaks from. */
  public static final long MIN_CLOSES = 10;
  /** {@code keepalive.requests} suggested on both sides: nginx's default, a reconnect per 1000 requests. */
  public static final int SUGGESTED_REQUESTS = 1000;
  /** Share of client closes that must be idle timeouts before the client idle timeout is blamed. */
  public static final double IDLE_CLOSE_SHARE = 0.5;
  /** The client idle timeout is never suggested above nginx's default. */
  public static final Duration CLIENT_TIMEOUT_CEILING = Duration.ofSeconds(75);

  private AdvisorThresholds() {
  }
}
