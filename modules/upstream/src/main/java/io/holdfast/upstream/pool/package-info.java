/**
 * The upstream connection pools behind {@link io.holdfast.upstream.UpstreamPools}: start at
 * {@link io.holdfast.upstream.pool.PoolGeneration} (one generation per config), then
 * {@code ServerGroup} (balance over servers) and {@code ServerPool} (nginx keepalive semantics on raw
 * Vert.x connections), whose counters ({@code PoolCounters}) every generation of a server's pool shares
 * through {@code PoolRuntime}. Everything here runs on one listener instance's event loop and never locks;
 * docs/upstream-pool.md explains the rules.
 */
package io.holdfast.upstream.pool;
