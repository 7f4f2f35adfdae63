/**
 * The access log: one line per request, nginx's {@code combined} plus Holdfast's timings, or JSON. Each
 * listener instance hands an {@link io.holdfast.accesslog.AccessRecord} per finished request to its own
 * bounded queue ({@link io.holdfast.accesslog.AccessLog}, a single-producer ring: no lock, no allocation, no
 * blocking on the event loop; a full queue drops and counts). One writer thread
 * ({@link io.holdfast.accesslog.AccessLogWriter}) formats the records and writes them in batches; the
 * {@link io.holdfast.accesslog.AccessLogVerticle} follows the config, reopens the file on request (SIGUSR1)
 * and reports the counts. Start at {@code AccessLogWriter}.
 */
package io.holdfast.accesslog;
