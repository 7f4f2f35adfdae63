/**
 * Request keys ({@code $remote_addr}, {@code $uri}, {@code $cookie_<name>}, {@code $header_<name>}) as a
 * config value and as read from a request: {@link io.holdfast.config.key.RequestKey#parse} at config time,
 * {@link io.holdfast.config.key.RequestKey#hash} per request, with nginx's hash functions
 * ({@link io.holdfast.config.key.KeyHash}) so a key lands where nginx would put it. Shared by
 * {@code hash} balancing (upstream) and {@code split} routes (routing); nothing here allocates per request.
 */
package io.holdfast.config.key;
