/**
 * Start-up and shutdown. {@link io.holdfast.app.lifecycle.Server#run} takes a config file to an exit
 * code; {@link io.holdfast.app.lifecycle.Deployment} deploys the verticles in order and stops them in
 * reverse, listeners first; {@link io.holdfast.app.lifecycle.ConfigCheck} is {@code --check};
 * {@link io.holdfast.app.lifecycle.StartupFailure} maps a failure to its exit code.
 */
package io.holdfast.app.lifecycle;
