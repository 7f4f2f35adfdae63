package io.holdfast.config;

/**
 * A path prefix sent to an upstream; the longest matching prefix wins. {@code host}, when not null,
 * replaces the client's {@code Host} header on the upstream request. A route names either one
 * {@code upstream} or a {@code split} over several (then {@code upstream} is null).
 */
public record RouteConfig(String path, String upstream, String host, SplitConfig split) {
}
