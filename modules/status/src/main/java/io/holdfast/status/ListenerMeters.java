package io.holdfast.status;

import io.holdfast.bus.ListenerStats;
import io.holdfast.bus.StatusClasses;
import io.micrometer.core.instrument.Meter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The {@code holdfast.client.*} meters of one listener, all tagged {@code listener}: connections by state
 * (nginx's reading, writing, waiting), accepted and handled, requests, responses by status class, closes by
 * reason, tunnels, and the edge's TLS and HTTP/2 figures. Each reads the listener's entry of the latest
 * aggregate, 0 once it is gone (until {@link HoldfastMeters#update} removes the family).
 */
final class ListenerMeters {

  private static final List<String> CLIENT_STATES = List.of("reading", "writing", "waiting");

  private final List<Meter> meters = new ArrayList<>();

  ListenerMeters(HoldfastMeters on, String name) {
    ToDoubleFunction<ToDoubleFunction<ListenerStats>> read = f -> {
      ListenerStats l = on.latest().listeners().get(name);
      return l == null ? 0 : f.applyAsDouble(l);
    };
    for (String state : CLIENT_STATES) {
      ToDoubleFunction<ListenerStats> f = switch (state) {
        case "reading" -> ListenerStats::reading;
        case "writing" -> ListenerStats::writing;
        default -> ListenerStats::waiting;
      };
      meters.add(on.gauge("holdfast.client.connections", "Client connections by state", () -> read.applyAsDouble(f),
          "listener", name, "state", state));
    }
    meters.add(on.counter("holdfast.client.connections.accepted", "Client connections accepted",
        () -> read.applyAsDouble(ListenerStats::accepted), "listener", name));
    meters.add(on.counter("holdfast.client.connections.handled", "Client connections not refused",
        () -> read.applyAsDouble(ListenerStats::handled), "listener", name));
    meters.add(on.counter("holdfast.client.requests", "Client requests",
        () -> read.applyAsDouble(ListenerStats::requests), "listener", name));
    for (int i = 0; i < StatusClasses.CODES.size(); i++) {
      int index = i;
      meters.add(on.counter("holdfast.client.responses", "Responses sent to clients, by status class",
          () -> read.applyAsDouble(l -> l.responses().count(index)), "listener", name, "code", StatusClasses.CODES.get(i)));
    }
    for (String reason : StatsAggregate.CLOSE_REASONS) {
      meters.add(on.counter("holdfast.client.connections.closed", "Client connections closed, by reason",
          () -> read.applyAsDouble(l -> l.closedByReason().getOrDefault(reason, 0L)),
          "listener", name, "reason", reason));
    }
    meters.add(on.gauge("holdfast.client.tunnels", "Client connections open as tunnels (WebSocket, any Upgrade)",
        () -> read.applyAsDouble(ListenerStats::tunnels), "listener", name));
    meters.add(on.gauge("holdfast.client.connections.protocol", "Open client connections by protocol",
        () -> read.applyAsDouble(l -> l.edge().tlsConnections()), "listener", name, "protocol", "tls"));
    meters.add(on.gauge("holdfast.client.connections.protocol", "Open client connections by protocol",
        () -> read.applyAsDouble(l -> l.edge().http2Connections()), "listener", name, "protocol", "h2"));
    meters.add(on.counter("holdfast.client.http2.streams", "HTTP/2 streams served (each is also a request)",
        () -> read.applyAsDouble(l -> l.edge().http2Streams()), "listener", name));
    meters.add(on.counter("holdfast.client.http2.streams.reset", "HTTP/2 streams reset for a client timeout",
        () -> read.applyAsDouble(l -> l.edge().streamsCutBodyTimeout()), "listener", name, "reason", "body-timeout"));
    meters.add(on.counter("holdfast.client.http2.streams.reset", "HTTP/2 streams reset for a client timeout",
        () -> read.applyAsDouble(l -> l.edge().streamsCutSendTimeout()), "listener", name, "reason", "send-timeout"));
  }

  List<Meter> meters() {
    return meters;
  }
}
