/**
 * The admin port. {@link io.holdfast.admin.AdminVerticle} is the starting point; {@code AdminRoutes}
 * dispatches on path and method and applies the bearer token; {@code StatusEndpoints} asks the status
 * verticle, {@code ConfigEndpoints} (GET/PUT/PATCH /config, ETag and If-Match) and {@code HistoryEndpoints}
 * (versions, rollback) the config verticle; {@code DashboardAssets} serves the dashboard page (resources
 * under {@code dashboard/}) and {@code DashboardStream} its Server-Sent Events; the OpenAPI document is
 * docs/openapi.json, put in the jar by the build.
 */
package io.holdfast.admin;
