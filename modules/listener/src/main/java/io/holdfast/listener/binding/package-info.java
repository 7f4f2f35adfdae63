/**
 * Binding listener ports: {@link io.holdfast.listener.binding.ListenerServer} builds the HttpServer
 * options of a listener (HTTP/1.1 only, header limits), binds it and maps a taken port to
 * {@code PortInUseException}.
 */
package io.holdfast.listener.binding;
