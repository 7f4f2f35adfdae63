/**
 * Request routing: {@link io.holdfast.routing.RouteTables#compile} turns a config snapshot into one
 * {@link io.holdfast.routing.RouteTable} per listener (longest string prefix wins, as nginx's
 * {@code location /x}); {@link io.holdfast.routing.RoutingVerticle} recompiles on every applied config.
 */
package io.holdfast.routing;
