/**
 * Response compression, decided per response so a config change applies to the next response without a
 * rebind: {@link io.holdfast.proxy.compression.ResponseCompression} (a listener's compiled policy: media
 * ranges, minimum length, codings in preference order, the client's {@code Accept-Encoding} with
 * q-values) rewrites the response head and hands out a {@link io.holdfast.proxy.compression.BodyCompressor}
 * (Netty's gzip and Brotli encoders) for the body. Vert.x's own server compression is not used: see
 * docs/traffic.md for what it cannot express.
 */
package io.holdfast.proxy.compression;
