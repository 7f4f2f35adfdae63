/**
 * The process's runtime: {@link io.holdfast.app.runtime.TransportChoice#select} picks the transport
 * that can run, {@link io.holdfast.app.runtime.VertxFactory#create} builds Vert.x with it and with
 * Prometheus metrics, {@link io.holdfast.app.runtime.FileDescriptorBudget} checks the descriptor limit.
 */
package io.holdfast.app.runtime;
