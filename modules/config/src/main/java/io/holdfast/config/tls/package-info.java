/**
 * TLS material named by the config, read and checked while the config is parsed so that a bad file is
 * refused like any bad key (its key path and the reason), by {@code --check} too. Start at
 * {@link io.holdfast.config.tls.TlsFile} (one file's bytes and their SHA-256: a config that names the same
 * path with other content is a different config, which is how a changed file is picked up on reload) and
 * {@link io.holdfast.config.tls.PemBlocks} (PEM framing); {@link io.holdfast.config.tls.TrustedCertificates}
 * is a CA bundle. Shared by the upstream side (CA files) and the listener side (certificates and keys).
 */
package io.holdfast.config.tls;
