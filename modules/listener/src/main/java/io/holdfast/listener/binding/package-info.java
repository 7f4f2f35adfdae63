/**
 * Binding listener ports: {@link io.holdfast.listener.binding.ListenerServer} builds the HttpServer options of a
 * listener (header limits; TLS on the engine {@code TlsEngine} picks, ALPN h2/http/1.1, SNI by {@code SniKeyManager}), binds it,
 * maps a taken port to {@code PortInUseException}, and swaps certificates in place on reload
 * ({@code updateSSLOptions}). See docs/tls.md and docs/http2.md.
 */
package io.holdfast.listener.binding;
