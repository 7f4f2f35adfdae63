/**
 * The control plane's vocabulary: every event-bus address ({@link io.holdfast.bus.Addresses}), the
 * local codec that passes immutable messages by reference ({@link io.holdfast.bus.LocalCodec}), the
 * observation messages listener instances answer with ({@link io.holdfast.bus.InstanceStats}), server health
 * ({@link io.holdfast.bus.HealthReport} from its owner, {@link io.holdfast.bus.PassiveMark} from instances), and the
 * config requests that need no config types ({@link io.holdfast.bus.ConfigRollback},
 * {@link io.holdfast.bus.VersionPrecondition}).
 */
package io.holdfast.bus;
