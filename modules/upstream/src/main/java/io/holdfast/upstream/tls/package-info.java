/**
 * TLS to upstream servers: {@link io.holdfast.upstream.tls.TlsEndpoint} is one server's TLS client on one
 * instance (SNI, verification, the session cache that resumes its sessions), and
 * {@link io.holdfast.upstream.tls.HandshakeTrustManager} tells a full handshake from a resumed one.
 * docs/tls.md explains the choices.
 */
package io.holdfast.upstream.tls;
