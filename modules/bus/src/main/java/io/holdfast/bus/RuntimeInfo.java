package io.holdfast.bus;

import java.time.Instant;

/**
 * Facts about the running process that the status shows: the product version, the transport that runs
 * and, where a preferred transport could not run, why.
 */
public record RuntimeInfo(String version, String transport, String transportFallbackReason, Instant startedAt) {
}
