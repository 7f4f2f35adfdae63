package io.holdfast.bus;

/**
 * One upstream server's pool on one instance. {@code open} = {@code active} + {@code idle};
 * {@code lingering} counts idle connections above {@code keepalive.connections} waiting out
 * {@code keepalive.linger}. {@code opened} counts connections opened since start, {@code requests}
 * requests sent, {@code reused} of those sent on a connection that had served a request before,
 * {@code retried} requests retried on a fresh connection, {@code failures} requests that got no
 * response (connect refused, reset, timeout). Response times are summed so they can be averaged.
 */
public record ServerPoolStats(
    String upstream,
    String server,
    boolean down,
    int open,
    int active,
    int idle,
    int lingering,
    long opened,
    long closed,
    long requests,
    long reused,
    long retried,
    long failures,
    long responseTimeNanosTotal,
    long responseTimeNanosMax) {
}
