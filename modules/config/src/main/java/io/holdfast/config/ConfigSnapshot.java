package io.holdfast.config;

import java.time.Instant;

/**
 * A running config with its identity: {@code version} grows by one with each applied change;
 * {@code source} says where it came from ({@code file}, {@code admin-api}, {@code sighup}).
 * Travels on the event bus by reference.
 */
public record ConfigSnapshot(long version, Instant appliedAt, String source, HoldfastConfig config) {
}
