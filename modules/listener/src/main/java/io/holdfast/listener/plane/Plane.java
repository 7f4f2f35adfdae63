package io.holdfast.listener.plane;

import io.holdfast.routing.RouteTables;
import io.holdfast.upstream.UpstreamPools;

/**
 * The routes and pools of one config version, switched as one reference so a request sees either the
 * old pair or the new pair, never a mix.
 */
public record Plane(long configVersion, RouteTables routes, UpstreamPools pools) {
}
