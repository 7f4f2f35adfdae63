package io.holdfast.bus;

/**
 * A listener instance's passive verdict on one server changed: {@code down} after {@code maxFails} failures
 * within {@code failTimeout}, or up again when a request started after the mark succeeded. {@code atNanos} is
 * {@link System#nanoTime()} when it happened (one clock for the whole process). Sent only on a change.
 */
public record PassiveMark(String upstream, String server, boolean down, long atNanos) {
}
