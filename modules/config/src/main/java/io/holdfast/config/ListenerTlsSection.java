package io.holdfast.config;

import io.holdfast.config.tls.CertificateLoader;
import io.holdfast.config.tls.ServerCertificate;
import io.holdfast.config.tls.TlsFile;
import io.holdfast.config.tls.TlsFileException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code listeners.<name>.tls}. Every certificate and key is read, parsed and checked here (a key that is not
 * its certificate's is refused), so a bad file is refused at its key path like any bad value — by
 * {@code --check}, at start and on every reload — and the running config stays.
 */
final class ListenerTlsSection {

  private ListenerTlsSection() {
  }

  /** The listener's TLS, or null when {@code tls} is absent (a plain listener). */
  static ListenerTls parse(ConfigReader listener, List<ConfigError> errors) {
    if (!listener.has("tls")) {
      return null;
    }
    JsonObject json = listener.object("tls");
    if (json == null) {
      return null;
    }
    ConfigReader r = new ConfigReader(json, listener.path("tls"), errors);
    List<ServerCertificate> certificates = certificates(r, errors);
    List<String> protocols = protocols(r);
    String hsts = r.string("hsts", null);
    if (hsts != null && !validHsts(hsts)) {
      r.error("hsts", "must be a Strict-Transport-Security value with max-age, such as \"max-age=31536000\""
          + " or \"max-age=31536000; includeSubDomains\" (RFC 6797)");
    }
    String engine = TlsEngines.read(r);
    r.rejectUnknown();
    return new ListenerTls(certificates, protocols, hsts, engine);
  }

  private static List<ServerCertificate> certificates(ConfigReader r, List<ConfigError> errors) {
    List<ServerCertificate> certificates = new ArrayList<>();
    JsonArray array = r.array("certificates");
    if (array == null) {
      if (!r.has("certificates")) {
        r.error("certificates", "at least one certificate is required, such as"
            + " [{\"cert\": \"conf/tls/site.pem\", \"key\": \"conf/tls/site.key\"}]");
      }
      return certificates;
    }
    if (array.isEmpty()) {
      r.error("certificates", "at least one certificate is required");
    }
    for (int i = 0; i < array.size(); i++) {
      String path = r.path("certificates") + "[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject json)) {
        errors.add(new ConfigError(path, "must be an object: {\"cert\": path, \"key\": path} or"
            + " {\"pkcs12\": path, \"password\": \"...\"}"));
        continue;
      }
      ServerCertificate certificate = certificate(new ConfigReader(json, path, errors));
      if (certificate != null) {
        certificates.add(certificate);
      }
    }
    return certificates;
  }

  private static ServerCertificate certificate(ConfigReader c) {
    String cert = c.string("cert", null);
    String key = c.string("key", null);
    String pkcs12 = c.string("pkcs12", null);
    String password = c.string("password", null);
    c.rejectUnknown();
    if (pkcs12 != null) {
      if (cert != null || key != null) {
        c.error("pkcs12", "give either \"pkcs12\" (with \"password\") or \"cert\" and \"key\", not both");
        return null;
      }
      if (ConfigJson.REDACTED.equals(password)) {
        c.error("password", "\"" + ConfigJson.REDACTED + "\" is how GET /config shows it: send the password itself");
        return null;
      }
      TlsFile bundle = read(c, "pkcs12", pkcs12);
      return bundle == null ? null : load(c, "pkcs12", () -> CertificateLoader.pkcs12(bundle, password));
    }
    if (cert == null || key == null) {
      c.error(cert == null ? "cert" : "key", "is required (a PEM certificate chain and its private key),"
          + " or give \"pkcs12\" instead");
      return null;
    }
    if (password != null) {
      c.error("password", "only for \"pkcs12\": PEM keys are read unencrypted");
    }
    TlsFile certFile = read(c, "cert", cert);
    TlsFile keyFile = read(c, "key", key);
    if (certFile == null || keyFile == null) {
      return null;
    }
    return load(c, "cert", () -> CertificateLoader.pem(certFile, keyFile));
  }

  private interface Load {
    ServerCertificate get() throws TlsFileException;
  }

  private static ServerCertificate load(ConfigReader c, String key, Load load) {
    try {
      return load.get();
    } catch (TlsFileException e) {
      c.error(e.key() != null ? e.key() : key, e.getMessage());
      return null;
    }
  }

  private static TlsFile read(ConfigReader c, String key, String path) {
    try {
      return TlsFile.read(path);
    } catch (TlsFileException e) {
      c.error(key, e.getMessage());
      return null;
    }
  }

  private static List<String> protocols(ConfigReader r) {
    JsonArray array = r.array("protocols");
    if (array == null) {
      return ListenerTls.DEFAULT_PROTOCOLS;
    }
    Set<String> protocols = new LinkedHashSet<>();
    for (Object value : array) {
      if (!(value instanceof String name) || !ListenerTls.SUPPORTED_PROTOCOLS.contains(name)) {
        r.error("protocols", "may hold " + String.join(" and ", ListenerTls.SUPPORTED_PROTOCOLS) + ", got "
            + (value instanceof String ? "\"" + value + "\"" : String.valueOf(value))
            + (value instanceof String s && s.startsWith("TLSv1") ? " (TLS 1.0 and 1.1 are retired, RFC 8996, and off in the JDK)" : ""));
        return ListenerTls.DEFAULT_PROTOCOLS;
      }
      protocols.add(name);
    }
    if (protocols.isEmpty()) {
      r.error("protocols", "at least one of " + String.join(", ", ListenerTls.SUPPORTED_PROTOCOLS) + " is required");
      return ListenerTls.DEFAULT_PROTOCOLS;
    }
    return List.copyOf(protocols);
  }

  /** Printable ASCII (no CR/LF: it becomes a header line) with a max-age directive. */
  private static boolean validHsts(String value) {
    if (value.isBlank() || !value.toLowerCase(java.util.Locale.ROOT).contains("max-age=")) {
      return false;
    }
    return value.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f);
  }
}
