package io.holdfast.e2e;

import io.holdfast.testkit.FreePorts;
import io.holdfast.testkit.TestCertificates;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real nginx serving HTTPS on a free port with a certificate from {@link TestCertificates}: the upstream an
 * operator would put behind Holdfast. Its access log has one line per request:
 * {@code <connection serial> <request number on it> <ssl_session_reused: r or .> <SNI name or ->}.
 */
final class NginxTlsPeer implements AutoCloseable {

  /** One access-log line. */
  record Request(long connection, int requestOnConnection, boolean sessionReused, String serverName) {
  }

  final int port = FreePorts.next();
  private final Path dir;
  private final Process process;

  NginxTlsPeer(Path dir, TestCertificates.Issued certificate) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir.resolve("logs"));
    Path conf = dir.resolve("nginx.conf");
    Files.writeString(conf, """
        daemon off;
        master_process off;
        worker_processes 1;
        pid %1$s/nginx.pid;
        error_log %1$s/logs/error.log warn;
        events { worker_connections 256; }
        http {
          client_body_temp_path %1$s/body; proxy_temp_path %1$s/proxy; fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi; scgi_temp_path %1$s/scgi;
          log_format tls '$connection $connection_requests $ssl_session_reused $ssl_server_name';
          access_log %1$s/logs/access.log tls;
          keepalive_timeout 60s;
          server {
            listen 127.0.0.1:%2$d ssl;
            ssl_certificate %3$s;
            ssl_certificate_key %4$s;
            ssl_protocols TLSv1.2 TLSv1.3;
            location / { default_type text/plain; return 200 "hello over tls\\n"; }
          }
        }
        """.formatted(dir, port, certificate.cert(), certificate.key()));
    process = new ProcessBuilder("nginx", "-c", conf.toString(), "-p", dir.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("logs/stdout.log").toFile()).start();
    await().atMost(Duration.ofSeconds(10)).until(this::listening);
  }

  private boolean listening() {
    if (!process.isAlive()) {
      throw new AssertionError("nginx exited: " + errors());
    }
    try (Socket socket = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Every request logged so far (nginx writes the line when the response is sent). */
  List<Request> requests() throws IOException {
    Path log = dir.resolve("logs/access.log");
    if (!Files.exists(log)) {
      return List.of();
    }
    return Files.readAllLines(log).stream().filter(l -> !l.isBlank()).map(line -> {
      String[] f = line.trim().split(" ");
      return new Request(Long.parseLong(f[0]), Integer.parseInt(f[1]), f[2].equals("r"), f[3]);
    }).toList();
  }

  String errors() {
    try {
      return Files.readString(dir.resolve("logs/error.log"));
    } catch (IOException e) {
      return "(no error log)";
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
