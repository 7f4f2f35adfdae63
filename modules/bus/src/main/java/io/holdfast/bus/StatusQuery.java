package io.holdfast.bus;

/** What the admin port asks the status verticle to render. */
public enum StatusQuery {
  /** nginx stub_status text. */
  STUB_STATUS,
  /** The JSON status document. */
  STATUS_JSON,
  /** Prometheus text exposition. */
  METRICS,
  /** "ok" when healthy; the reply fails with code 503 and the reason otherwise. */
  HEALTH,
  /**
   * {@code /status.json?scope=cluster}: every fleet node's status document and their sums (this node alone
   * when clustering is off).
   */
  CLUSTER_JSON,
  /** The keepalive advisor's advice from the stats history, a JSON array ({@code []} when none). */
  ADVICE,
  /**
   * The dashboard's backfill, a JSON object: {@code frames}, the rates of every sampled interval of the
   * history (oldest first), and {@code latest}, the last frame whole (as published on
   * {@link Addresses#STATUS_SAMPLE}), or null before the first sample.
   */
  HISTORY
}
