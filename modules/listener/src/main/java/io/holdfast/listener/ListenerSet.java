package io.holdfast.listener;

import io.holdfast.accesslog.AccessLog;
import io.holdfast.bus.ListenerStats;
import io.holdfast.config.ListenerConfig;
import io.holdfast.listener.binding.ListenerServer;
import io.holdfast.listener.connection.ClientConnections;
import io.holdfast.listener.plane.DataPlane;
import io.holdfast.listener.plane.RequestDispatcher;
import io.holdfast.proxy.Forwarder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The listeners one instance serves, reconciled with each applied config: added ones are bound, removed
 * ones shut down gracefully, moved ones bound anew before the old server drains, and limit and
 * compression changes handed to the running connection governance and dispatcher. Event-loop confined.
 */
final class ListenerSet {

  private static final Logger LOG = Logger.getLogger(ListenerSet.class.getName());

  private record Entry(ClientConnections connections, ListenerServer server, RequestDispatcher dispatcher) {
  }

  /** Up to 5 s for every instance to stop its plain server when TLS is turned on for its port. */
  private static final int TLS_SWITCH_ATTEMPTS = 250;
  private static final long TLS_SWITCH_RETRY_MILLIS = 20;
  /** How long after {@code shutdownTimeout} a stop waits for Vert.x's own closes before cutting at the socket. */
  static final long FORCED_CLOSE_GRACE_MILLIS = 250;

  private final Vertx vertx;
  private final DataPlane plane;
  private final Forwarder forwarder;
  private final AccessLog accessLog;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  /** Bound ports, republished after each change for readers off the event loop (tests, diagnostics). */
  private volatile Map<String, Integer> ports = Map.of();

  ListenerSet(Vertx vertx, DataPlane plane, Forwarder forwarder, AccessLog accessLog) {
    this.vertx = vertx;
    this.plane = plane;
    this.forwarder = forwarder;
    this.accessLog = accessLog;
  }

  /** Binds every listener; the first failure (e.g. a taken port) fails the whole. */
  Future<Void> bindAll(Collection<ListenerConfig> listeners) {
    List<Future<?>> bound = new ArrayList<>();
    for (ListenerConfig config : listeners) {
      bound.add(bindNew(config));
    }
    return Future.all(bound).mapEmpty();
  }

  /** Brings the bound listeners to {@code listeners}; completes with whether every one is bound. */
  Future<Boolean> apply(Map<String, ListenerConfig> listeners, Duration drainTimeout) {
    for (String name : List.copyOf(entries.keySet())) {
      if (!listeners.containsKey(name)) {
        Entry removed = entries.remove(name);
        publishPorts();
        LOG.info(() -> "listener " + name + " removed: draining");
        drain(removed, drainTimeout);
      }
    }
    List<Future<Boolean>> outcomes = new ArrayList<>();
    for (ListenerConfig config : listeners.values()) {
      Entry entry = entries.get(config.name());
      Future<?> step;
      if (entry == null) {
        step = bindNew(config);
      } else {
        entry.connections().update(config);
        entry.dispatcher().compress(config.compression());
        entry.dispatcher().redirect(config.redirectHttps());
        step = entry.server().turnsTlsOn(config) ? turnTlsOn(entry, config, drainTimeout)
            : entry.server().needsRebind(config) ? rebind(entry, config, drainTimeout)
            : entry.server().update(config).otherwise(failure -> {
              LOG.log(Level.SEVERE, "listener " + config.name() + ": new certificates could not be used, the"
                  + " previous ones stay: " + failure.getMessage());
              return false;
            });
      }
      outcomes.add(step.map(true).otherwise(failure -> {
        LOG.log(Level.SEVERE, "listener " + config.name() + " could not be bound: " + failure.getMessage());
        return false;
      }));
    }
    return Future.all(outcomes).map(all -> outcomes.stream().allMatch(Future::result));
  }

  private Future<ListenerServer> bindNew(ListenerConfig config) {
    ClientConnections connections = ClientConnections.create(vertx, config, accessLog);
    RequestDispatcher dispatcher = dispatcher(config, connections);
    return ListenerServer.bind(vertx, config, connections, dispatcher)
        .onSuccess(server -> put(config.name(), new Entry(connections, server, dispatcher)))
        .onFailure(failure -> connections.close());
  }

  /** The new server is bound first, so a port shared with other instances never goes unserved. */
  private Future<ListenerServer> rebind(Entry old, ListenerConfig config, Duration drainTimeout) {
    RequestDispatcher dispatcher = dispatcher(config, old.connections());
    ListenerConfig previous = old.server().config();
    return ListenerServer.bind(vertx, config, old.connections(), dispatcher)
        .compose(server -> server.takeOver(previous).otherwise(failure -> {
          LOG.log(Level.SEVERE, "listener " + config.name() + ": TLS settings could not be applied: " + failure.getMessage());
          return false;
        }).map(server))
        .onSuccess(server -> {
          put(config.name(), new Entry(old.connections(), server, dispatcher));
          // Every tunnel open now is the old server's: they drain with it.
          old.connections().drainTunnels(drainTimeout);
          old.server().shutdown(drainTimeout);
        });
  }

  /**
   * TLS turned on for a port that serves plain HTTP. Vert.x shares a port between the servers bound to it and
   * takes the SSL context from the one that bound it first: a TLS server joining a plain one cannot serve. So
   * the plain server stops accepting first (its requests in flight finish), and the TLS server binds once every
   * instance's plain server has let go of the socket; an attempt that still finds it is undone and retried.
   * New connections may be refused for those few milliseconds.
   */
  private Future<ListenerServer> turnTlsOn(Entry old, ListenerConfig config, Duration drainTimeout) {
    LOG.info(() -> "listener " + config.name() + ": TLS on, the plain server stops accepting first");
    ListenerConfig previous = old.server().config();
    old.connections().drainTunnels(drainTimeout);
    old.server().shutdown(drainTimeout);
    RequestDispatcher dispatcher = dispatcher(config, old.connections());
    return bindTls(config, previous, old.connections(), dispatcher, TLS_SWITCH_ATTEMPTS)
        .onSuccess(server -> put(config.name(), new Entry(old.connections(), server, dispatcher)));
  }

  private Future<ListenerServer> bindTls(ListenerConfig config, ListenerConfig previous, ClientConnections connections,
                                         RequestDispatcher dispatcher, int attempts) {
    return ListenerServer.bind(vertx, config, connections, dispatcher)
        .compose(server -> server.takeOver(previous).transform(taken -> {
          if (taken.succeeded()) {
            return Future.succeededFuture(server);
          }
          // Joined the plain server of an instance that has not stopped it yet: let go and try again.
          return server.shutdown(Duration.ZERO).transform(closed -> attempts <= 1
              ? Future.failedFuture(taken.cause())
              : retryLater().compose(v -> bindTls(config, previous, connections, dispatcher, attempts - 1)));
        }));
  }

  private Future<Void> retryLater() {
    io.vertx.core.Promise<Void> later = io.vertx.core.Promise.promise();
    vertx.setTimer(TLS_SWITCH_RETRY_MILLIS, id -> later.complete());
    return later.future();
  }

  private void put(String name, Entry entry) {
    entries.put(name, entry);
    publishPorts();
  }

  private void publishPorts() {
    Map<String, Integer> bound = new LinkedHashMap<>();
    entries.forEach((name, entry) -> bound.put(name, entry.server().actualPort()));
    ports = Map.copyOf(bound);
  }

  private RequestDispatcher dispatcher(ListenerConfig config, ClientConnections connections) {
    RequestDispatcher dispatcher = new RequestDispatcher(config.name(), plane, forwarder, config.compression(),
        connections.tunnels());
    dispatcher.redirect(config.redirectHttps());
    return dispatcher;
  }

  List<ListenerStats> stats() {
    List<ListenerStats> stats = new ArrayList<>(entries.size());
    for (Entry entry : entries.values()) {
      stats.add(entry.connections().stats());
    }
    return stats;
  }

  /** The bound port of {@code listener} (the real one when configured as 0), or -1; any thread. */
  int port(String listener) {
    return ports.getOrDefault(listener, -1);
  }

  /** Graceful: stop accepting, let in-flight requests and open tunnels finish within {@code timeout}, close idle ones. */
  Future<Void> shutdown(Duration timeout) {
    List<Future<?>> done = new ArrayList<>();
    for (Entry entry : entries.values()) {
      done.add(drain(entry, timeout));
    }
    entries.clear();
    publishPorts();
    return Future.join(done).mapEmpty();
  }

  /**
   * Stops one listener: in-flight requests and open tunnels get {@code timeout}, then Vert.x closes what is left. Its close
   * waits for pending writes to flush, so a client that reads nothing would hold its exchange (and the
   * upstream connection and the stop behind it) until {@code sendTimeout}: whatever is still open when the
   * server's shutdown completes, or shortly after {@code timeout} if it does not, is cut at the socket.
   */
  private Future<Void> drain(Entry entry, Duration timeout) {
    entry.connections().drainTunnels(timeout);
    long cut = vertx.setTimer(timeout.toMillis() + FORCED_CLOSE_GRACE_MILLIS, id -> entry.connections().cutAll());
    return entry.server().shutdown(timeout).onComplete(stopped -> {
      vertx.cancelTimer(cut);
      entry.connections().cutAll();
      entry.connections().close();
    });
  }
}
