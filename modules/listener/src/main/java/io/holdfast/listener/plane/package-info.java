/**
 * The data plane of one listener instance: {@link io.holdfast.listener.plane.DataPlane} holds the
 * current routes+pools pair ({@link io.holdfast.listener.plane.Plane}) and switches it atomically when a
 * new config version's routes and upstream plan have both arrived;
 * {@link io.holdfast.listener.plane.RequestDispatcher} routes and forwards each request.
 */
package io.holdfast.listener.plane;
