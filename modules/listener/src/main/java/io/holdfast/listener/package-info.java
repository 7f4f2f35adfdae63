/**
 * The client-facing side. Start at {@link io.holdfast.listener.ListenerVerticle} (one per event loop,
 * ports shared); connection governance lives in {@code io.holdfast.listener.connection}, the data plane
 * (route + forward, atomic config switch) in {@code io.holdfast.listener.plane}, port binding in
 * {@code io.holdfast.listener.binding}, refusal of hostile or broken request framing in
 * {@code io.holdfast.listener.framing}.
 */
package io.holdfast.listener;
