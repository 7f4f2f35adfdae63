package io.holdfast.listener;

import io.holdfast.bus.ServerStats;
import io.holdfast.config.UpstreamConfig;
import io.holdfast.proxy.Forwarder;
import io.holdfast.upstream.UpstreamFailure;
import io.holdfast.upstream.UpstreamGroup;
import io.holdfast.upstream.UpstreamLease;
import io.holdfast.upstream.UpstreamPlan;
import io.holdfast.upstream.UpstreamPools;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.List;

/**
 * Stand-ins for the upstream side so listener behaviour (routing, switching, binding) is tested on its
 * own: pools that only name their upstreams, and a forwarder that answers which upstream it was given
 * instead of connecting to it. The sockets between client and listener are real.
 */
final class StubUpstreams {

  static Future<UpstreamPools> pools(Vertx vertx, UpstreamPlan plan) {
    return Future.succeededFuture(new Pools(plan));
  }

  /**
   * Answers {@code <upstream> <host override> <path>}; {@code /slow/<ms>} answers after a delay;
   * {@code /broken} fails without answering, as a faulty forwarder would.
   */
  static Forwarder echoForwarder() {
    return (request, upstream, hostOverride) -> {
      if (request.path().equals("/broken")) {
        return Future.failedFuture("broken forwarder");
      }
      String body = upstream.config().name() + " " + hostOverride + " " + request.path();
      if (request.path().startsWith("/slow/")) {
        long delay = Long.parseLong(request.path().substring("/slow/".length()));
        Vertx.currentContext().owner().setTimer(delay, id -> request.response().end(body));
        return Future.succeededFuture();
      }
      return request.response().end(body);
    };
  }

  private record Pools(UpstreamPlan plan) implements UpstreamPools {

    @Override
    public Future<UpstreamPools> update(UpstreamPlan next) {
      return Future.succeededFuture(new Pools(next));
    }

    @Override
    public UpstreamGroup group(String upstream) {
      UpstreamConfig config = plan.upstreams().get(upstream);
      return config == null ? null : new Group(config);
    }

    @Override
    public List<ServerStats> stats() {
      return List.of();
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  }

  private record Group(UpstreamConfig config) implements UpstreamGroup {

    @Override
    public Future<UpstreamLease> acquire() {
      return Future.failedFuture(new UpstreamFailure(502, "stub"));
    }
  }

  private StubUpstreams() {
  }
}
