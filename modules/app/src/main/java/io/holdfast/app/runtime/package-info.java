/**
 * The process's runtime: {@link io.holdfast.app.runtime.TransportChoice#select} picks the transport
 * that can run, {@link io.holdfast.app.runtime.VertxFactory#create} builds Vert.x with it and with
 * Prometheus metrics. (The descriptor limit is the config's business: it sets the default
 * {@code maxConnections}, see {@link io.holdfast.config.FileDescriptorBudget}.)
 */
package io.holdfast.app.runtime;
