/**
 * The built-in origin: {@link io.holdfast.app.origin.OriginVerticle} serves the
 * {@link io.holdfast.app.origin.WelcomePage} on {@code origin.host:origin.port} when {@code origin.enabled}.
 */
package io.holdfast.app.origin;
