package io.holdfast.config;

import io.holdfast.config.tls.ServerCertificate;
import io.holdfast.config.tls.TlsFile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole configuration: one immutable, validated snapshot with every default filled in. Built only by
 * {@link ConfigParser}; maps keep the file's order. {@code fileDescriptors} says how the defaults that
 * depend on the open-files limit were derived. {@code cluster} says whether (and how) this node joins a fleet.
 * {@code accessLog} is null when the access log is off.
 */
public record HoldfastConfig(
    int instances,
    Transport transport,
    Duration shutdownTimeout,
    Map<String, ListenerConfig> listeners,
    Map<String, UpstreamConfig> upstreams,
    AdminConfig admin,
    ReloadConfig reload,
    OriginConfig origin,
    FileDescriptorBudget fileDescriptors,
    ClusterConfig cluster,
    AccessLogConfig accessLog) {

  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

  public HoldfastConfig {
    listeners = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(listeners));
    upstreams = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(upstreams));
  }

  /** A config without an access log. */
  public HoldfastConfig(int instances, Transport transport, Duration shutdownTimeout,
      Map<String, ListenerConfig> listeners, Map<String, UpstreamConfig> upstreams, AdminConfig admin,
      ReloadConfig reload, OriginConfig origin, FileDescriptorBudget fileDescriptors, ClusterConfig cluster) {
    this(instances, transport, shutdownTimeout, listeners, upstreams, admin, reload, origin, fileDescriptors, cluster,
        null);
  }

  /**
   * Every TLS file this config read, by key path ({@code upstreams.secure.tls.ca},
   * {@code listeners.edge.tls.certificates[0].key}). The file watch watches
   * them with the config file, and {@link ConfigDiff} reports a changed content under an unchanged path.
   */
  public Map<String, TlsFile> tlsFiles() {
    Map<String, TlsFile> files = new LinkedHashMap<>();
    listeners.forEach((name, l) -> {
      if (l.tls() != null) {
        for (int i = 0; i < l.tls().certificates().size(); i++) {
          ServerCertificate certificate = l.tls().certificates().get(i);
          String at = "listeners." + name + ".tls.certificates[" + i + "].";
          if (certificate.format() == ServerCertificate.Format.PKCS12) {
            files.put(at + "pkcs12", certificate.files().get(0));
          } else {
            files.put(at + "cert", certificate.files().get(0));
            files.put(at + "key", certificate.files().get(1));
          }
        }
      }
    });
    upstreams.forEach((name, u) -> {
      if (u.tls().trusted() != null) {
        files.put("upstreams." + name + ".tls.ca", u.tls().trusted().file());
      }
    });
    return files;
  }

  /**
   * What is valid but likely wrong at {@code now}, by key path: a listener certificate that has expired or is
   * not valid yet. Served anyway (the operator may be replacing it); {@code --check} prints these and the
   * listener logs them when it starts presenting the certificate.
   */
  public List<ConfigError> warnings(Instant now) {
    List<ConfigError> warnings = new ArrayList<>();
    listeners.forEach((name, l) -> {
      if (l.tls() != null) {
        for (int i = 0; i < l.tls().certificates().size(); i++) {
          String warning = l.tls().certificates().get(i).validityWarning(now);
          if (warning != null) {
            warnings.add(new ConfigError("listeners." + name + ".tls.certificates[" + i + "]", warning));
          }
        }
      }
    });
    return warnings;
  }
}
