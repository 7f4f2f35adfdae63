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
  CLUSTER_JSON
}
