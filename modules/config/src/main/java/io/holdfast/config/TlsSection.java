package io.holdfast.config;

import io.holdfast.config.tls.HostNames;
import io.holdfast.config.tls.TlsFileException;
import io.holdfast.config.tls.TrustedCertificates;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * {@code upstreams.<name>.tls}. The CA file is read and parsed here, so a missing, unreadable or malformed
 * file is refused at its key path like any bad value — by {@code --check}, at start and on every reload —
 * and the running config stays.
 */
final class TlsSection {

  private TlsSection() {
  }

  static UpstreamTls upstream(JsonObject json, String path, List<ConfigError> errors) {
    if (json == null || json.isEmpty()) {
      return UpstreamTls.DISABLED;
    }
    ConfigReader r = new ConfigReader(json, path, errors);
    boolean enabled = r.bool("enabled", false);
    String sni = r.string("sni", null);
    boolean verify = r.bool("verify", true);
    String caPath = r.string("ca", null);
    String engine = TlsEngines.read(r);
    r.rejectUnknown();
    if (sni != null && (HostNames.isIpLiteral(sni) || !validHostName(sni))) {
      r.error("sni", "must be a host name such as \"api.internal\" (SNI carries names, never IP addresses or ports)");
      sni = null;
    }
    TrustedCertificates trusted = null;
    if (enabled && caPath != null) {
      try {
        trusted = TrustedCertificates.load(caPath);
      } catch (TlsFileException e) {
        r.error("ca", e.getMessage());
      }
    }
    return new UpstreamTls(enabled, sni, verify, caPath, trusted, engine);
  }

  /** Letters, digits, hyphens and dots (RFC 1123), no empty label; what {@code SNIHostName} accepts. */
  private static boolean validHostName(String name) {
    if (name.length() > 253 || name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
      return false;
    }
    return name.chars().allMatch(c -> c == '.' || c == '-' || Character.isLetterOrDigit(c) && c < 128);
  }
}
