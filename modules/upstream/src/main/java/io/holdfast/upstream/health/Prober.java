package io.holdfast.upstream.health;

import io.holdfast.bus.HealthReport;
import io.holdfast.config.ServerConfig;
import io.holdfast.config.UpstreamTls;
import io.holdfast.upstream.health.ProbeResult.Outcome;
import io.holdfast.upstream.tls.TlsEndpoint;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One active probe: {@code GET path HTTP/1.1} with {@code Connection: close} on a connection of its own (TLS
 * for a TLS upstream, with its SNI, verification and CA, never resuming the pools' sessions),
 * opened for the probe and closed after it, like HAProxy's checks. So probes never touch the listener
 * instances' pools or their counters, and every probe also proves the server still accepts connections,
 * as new traffic needs. The whole probe — connect, response head and body — must end within the check's
 * {@code timeout}. Runs on the context it is called from (the owner's).
 */
final class Prober {

  private final Vertx vertx;
  private final Clock clock;
  /**
   * The clients probes connect with: one per probe timeout, so the TCP connect gives up with the probe (a
   * server that drops SYNs would otherwise collect a pending connect per interval for the default 60 s), and
   * for a TLS upstream one per server too, with that server's name and trust.
   */
  private final Map<ClientKey, ProbeClient> clients = new HashMap<>();

  /** {@code tls} and {@code server} are null for plain probes, which share a client per timeout. */
  private record ClientKey(long timeoutMillis, UpstreamTls tls, ServerConfig server) {

    static ClientKey of(ProbeTarget target) {
      long timeout = Math.max(1, target.check().timeout().toMillis());
      return target.tls().enabled() ? new ClientKey(timeout, target.tls(), target.server())
          : new ClientKey(timeout, null, null);
    }
  }

  /** A client and, for TLS, how to connect to its server (SNI, verified name). */
  private record ProbeClient(HttpClientAgent agent, TlsEndpoint tls) {

    HttpConnectOptions connectOptions(ServerConfig server) {
      return tls != null ? tls.connectOptions() : new HttpConnectOptions().setHost(server.host()).setPort(server.port());
    }
  }

  Prober(Vertx vertx, Clock clock) {
    this.vertx = vertx;
    this.clock = clock;
  }

  private ProbeClient client(ClientKey key) {
    return clients.computeIfAbsent(key, k -> {
      HttpClientOptions options = new HttpClientOptions()
          .setProtocolVersion(HttpVersion.HTTP_1_1)
          .setKeepAlive(false)
          .setDecompressionSupported(false)
          .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, k.timeoutMillis()));
      TlsEndpoint tls = k.tls() == null ? null : TlsEndpoint.of(k.tls(), k.server(), options);
      // Only connect() is used: every probe has its own connection, outside the agent's pool.
      return new ProbeClient(vertx.createHttpClient(tls != null ? tls.clientOptions() : options,
          new PoolOptions().setHttp1MaxSize(1)), tls);
    });
  }

  /**
   * Closes the clients no target uses any more, once a probe started on them has surely ended (after its
   * timeout), so a reload never fails a probe in flight.
   */
  void retain(Collection<ProbeTarget> targets) {
    Set<ClientKey> used = new HashSet<>();
    targets.forEach(target -> used.add(ClientKey.of(target)));
    clients.entrySet().removeIf(entry -> {
      if (used.contains(entry.getKey())) {
        return false;
      }
      vertx.setTimer(entry.getKey().timeoutMillis() + 1_000, id -> entry.getValue().agent().close());
      return true;
    });
  }

  /** Never fails: a failed probe is a {@link ProbeResult} too. */
  Future<ProbeResult> probe(ProbeTarget target) {
    Instant at = clock.instant();
    long started = System.nanoTime();
    ClientKey key = ClientKey.of(target);
    long timeoutMillis = key.timeoutMillis();
    ProbeClient client = client(key);
    Promise<ProbeResult> done = Promise.promise();
    HttpClientConnection[] opened = new HttpClientConnection[1];
    long timer = vertx.setTimer(timeoutMillis, id -> {
      if (done.tryComplete(result(Outcome.TIMEOUT, at, started, 0, "timeout after " + timeoutMillis + " ms"))) {
        close(opened[0]);
      }
    });
    client.agent().connect(client.connectOptions(target.server()))
        .onFailure(err -> done.tryComplete(result(Outcome.ERROR, at, started, 0, "connect failed: " + message(err))))
        .onSuccess(connection -> {
          opened[0] = connection;
          if (done.future().isComplete()) {
            connection.close();
            return;
          }
          exchange(connection, target).onComplete(ar -> {
            int status = ar.succeeded() ? ar.result() : 0;
            ProbeResult result = ar.failed()
                ? result(Outcome.ERROR, at, started, 0, "no response: " + message(ar.cause()))
                : target.check().expectStatus().matches(status) ? result(Outcome.PASSED, at, started, status, null)
                : result(Outcome.BAD_STATUS, at, started, status, null);
            done.tryComplete(result);
            connection.close();
          });
        });
    return done.future().onComplete(ar -> vertx.cancelTimer(timer));
  }

  /** The response status, once the whole response has been read. */
  private static Future<Integer> exchange(HttpClientConnection connection, ProbeTarget target) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setURI(target.check().path());
    return connection.request(options).compose(request -> {
      HostAndPort host = HostAndPort.parseAuthority(target.host(), -1);
      if (host != null) {
        request.authority(host);
      }
      request.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
      request.putHeader(HttpHeaders.USER_AGENT, "holdfast-health-check");
      return request.send().compose(response -> {
        response.handler(ignored -> { });
        return response.end().map(v -> response.statusCode());
      });
    });
  }

  private ProbeResult result(Outcome outcome, Instant at, long started, int status, String error) {
    return new ProbeResult(outcome, new HealthReport.Probe(at, System.nanoTime() - started, status, error,
        outcome == Outcome.PASSED));
  }

  private static String message(Throwable err) {
    String message = err.getMessage();
    return message == null ? err.getClass().getSimpleName() : message;
  }

  private static void close(HttpClientConnection connection) {
    if (connection != null) {
      connection.close();
    }
  }

  Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    clients.values().forEach(client -> closing.add(client.agent().close()));
    clients.clear();
    return Future.join(closing).mapEmpty();
  }
}
