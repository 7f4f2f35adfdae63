/**
 * Status reporting: {@link io.holdfast.status.StatusVerticle} collects every listener instance's counters
 * when asked and renders them as nginx's stub_status ({@link io.holdfast.status.StubStatusRenderer}), the
 * JSON document ({@link io.holdfast.status.StatusJsonRenderer}) or Prometheus meters
 * ({@link io.holdfast.status.HoldfastMeters}, one {@code ListenerMeters} family per listener and one
 * {@code ServerMeters} family per upstream server); {@link io.holdfast.status.StatsAggregate} is the sum they
 * all read. {@link io.holdfast.bus.StatusMediaTypes} names the content type of each. {@code HistorySampler}
 * samples the same collection every two seconds into {@link io.holdfast.status.history.StatsHistory} and
 * publishes a dashboard frame per sample; {@link io.holdfast.status.advice.KeepaliveAdvisor} reads that history.
 */
package io.holdfast.status;
