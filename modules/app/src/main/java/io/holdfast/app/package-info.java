/**
 * The Holdfast application: {@link io.holdfast.app.Holdfast} is the {@code main} of the fat jar,
 * {@link io.holdfast.app.ExitCode} the exit codes of the contract. Start-up and shutdown live in
 * {@code io.holdfast.app.lifecycle}, Vert.x construction in {@code io.holdfast.app.runtime}, the built-in
 * welcome page in {@code io.holdfast.app.origin}.
 */
package io.holdfast.app;
