package io.holdfast.bus;

import java.time.Instant;
import java.util.List;

/**
 * Every configured server's health as the upstream verticle (its owner) sees it: the verdict of its active
 * probes merged with the passive marks the listener instances reported. {@code sequence} grows with every
 * report, so an instance ignores one older than what it applied. Instances read {@code probeDown} and the
 * passive mark; the status pages read the rest.
 */
public record HealthReport(long sequence, List<Server> servers) {

  public static final String SOURCE_PROBE = "probe";
  public static final String SOURCE_PASSIVE = "passive";

  public HealthReport {
    servers = List.copyOf(servers);
  }

  /**
   * One server. {@code up}: it may take traffic (not down on probes, no passive mark in force). {@code source}:
   * what made the current state ({@link #SOURCE_PROBE} or {@link #SOURCE_PASSIVE}; null when it has been up
   * since it was configured); {@code since}: when the current state began. {@code checked}: active checks are on.
   * The passive mark, when one is in force, ran from {@code passiveSinceNanos} to {@code passiveUntilNanos}
   * ({@link System#nanoTime()}; both 0 when none) and ends at {@code passiveUntil} on the wall clock.
   * {@code lastProbe} is null before the first probe.
   */
  public record Server(String upstream, String server, boolean up, String source, Instant since, boolean checked,
                       boolean probeDown, long passiveSinceNanos, long passiveUntilNanos, Instant passiveUntil,
                       Probe lastProbe, ProbeCounts probes) {
  }

  /**
   * One probe: when it started, how long it took to a whole response or to failing, the response status
   * (0 when none came) or the error, and whether it passed.
   */
  public record Probe(Instant at, long durationNanos, int status, String error, boolean passed) {

    public double durationMillis() {
      return durationNanos / 1_000_000.0;
    }
  }

  /** Probes of one server since it was configured, by outcome. */
  public record ProbeCounts(long passed, long badStatus, long error, long timeout) {

    public static final ProbeCounts NONE = new ProbeCounts(0, 0, 0, 0);
  }
}
