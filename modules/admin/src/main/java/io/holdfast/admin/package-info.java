/**
 * The admin port. {@link io.holdfast.admin.AdminVerticle} is the starting point; {@code AdminRoutes}
 * dispatches on path and method and applies the bearer token; {@code StatusEndpoints} asks the status
 * verticle, {@code ConfigEndpoints} the config verticle; the OpenAPI document is the resource
 * {@code openapi.json}.
 */
package io.holdfast.admin;
