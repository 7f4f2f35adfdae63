/**
 * The control plane's vocabulary: every event-bus address ({@link io.holdfast.bus.Addresses}), the
 * local codec that passes immutable messages by reference ({@link io.holdfast.bus.LocalCodec}), and the
 * observation messages listener instances answer with ({@link io.holdfast.bus.InstanceStats}).
 */
package io.holdfast.bus;
