/**
 * Request routing: {@link io.holdfast.routing.RouteTables#compile} turns a config snapshot into one
 * {@link io.holdfast.routing.RouteTable} per listener (longest string prefix wins, as nginx's
 * {@code location /x}); a route's {@link io.holdfast.routing.Route#upstream(io.vertx.core.http.HttpServerRequest)}
 * is its upstream or, for a {@code split} route, the pick of its {@link io.holdfast.routing.SplitTable}
 * (nginx's {@code split_clients}); {@link io.holdfast.routing.RoutingVerticle} recompiles on every applied config.
 */
package io.holdfast.routing;
