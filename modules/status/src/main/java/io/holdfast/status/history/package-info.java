/**
 * The stats history: {@link io.holdfast.status.history.StatsHistory} keeps the last five minutes of
 * {@link io.holdfast.status.history.StatsSample}s (the status verticle samples every
 * {@link io.holdfast.status.history.StatsHistory#SAMPLE_PERIOD}); {@code ServerDelta} and
 * {@code ListenerDelta} derive what happened between two samples, {@code RatesJson} renders an interval
 * for the dashboard. The keepalive advisor reads the same samples.
 */
package io.holdfast.status.history;
