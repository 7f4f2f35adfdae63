package io.holdfast.routing;

/** A compiled route: requests whose path starts with {@code prefix} go to {@code upstream}. */
public record Route(String prefix, String upstream, String hostOverride) {
}
