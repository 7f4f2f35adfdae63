package io.holdfast.app.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import io.holdfast.bus.PortInUseException;
import io.holdfast.config.ClusterConfig;
import io.holdfast.fleet.FleetMembers;
import io.holdfast.fleet.FleetNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Joins the fleet: Hazelcast with {@link HazelcastSettings}, Vert.x's event bus bound to {@code cluster.host}
 * on {@code cluster.busPort}, and the clustered Vert.x built from {@code builder} (which carries the transport
 * and metrics of a plain start). Membership changes are logged.
 */
public final class ClusterStart {

  /** The clustered Vert.x and this node as the fleet module knows it. */
  public record Joined(Vertx vertx, FleetNode node, FleetMembers members) {
  }

  private static final Logger LOG = Logger.getLogger(ClusterStart.class.getName());

  private ClusterStart() {
  }

  /** {@code builder} gets the event-bus options on the given options object and builds clustered. */
  public static Future<Joined> start(ClusterConfig cluster, Function<EventBusOptions, VertxBuilder> builder) {
    String host;
    try {
      host = ClusterHost.resolve(cluster.host());
    } catch (IllegalStateException e) {
      return Future.failedFuture(e);
    }
    try {
      // Said plainly before Hazelcast tries: its own failure is a page of stack traces.
      ensureFree(host, cluster.port());
      if (cluster.busPort() != 0) {
        ensureFree(host, cluster.busPort());
      }
    } catch (PortInUseException e) {
      return Future.failedFuture(e);
    }
    HazelcastClusterManager manager = new HazelcastClusterManager(HazelcastSettings.of(cluster, host));
    EventBusOptions bus = new EventBusOptions().setHost(host).setPort(cluster.busPort());
    LOG.info(() -> "joining fleet \"" + cluster.name() + "\" as " + host + ":" + cluster.port() + " via "
        + (cluster.kubernetes() ? "Kubernetes DNS " + cluster.kubernetesServiceDns() : "members " + cluster.members()));
    return builder.apply(bus).withClusterManager(manager).buildClustered()
        .recover(e -> Future.failedFuture(bindFailure(e, host, cluster.port())))
        .map(vertx -> {
          HazelcastInstance hazelcast = manager.getHazelcastInstance();
          Member local = hazelcast.getCluster().getLocalMember();
          String address = local.getAddress().getHost() + ":" + local.getAddress().getPort();
          hazelcast.getCluster().addMembershipListener(new MembershipLog());
          LOG.info(() -> "in fleet \"" + cluster.name() + "\" as " + address + " with "
              + hazelcast.getCluster().getMembers().size() + " node(s): " + hazelcast.getCluster().getMembers());
          return new Joined(vertx, new FleetNode(manager.getNodeId(), address, Instant.now()), manager::getNodes);
        });
  }

  private static void ensureFree(String host, int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new PortInUseException("cluster", host, port, e);
    }
  }

  private static Throwable bindFailure(Throwable e, String host, int port) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (message.contains("already in use") || t instanceof java.net.BindException) {
        return new PortInUseException("cluster", host, port, e);
      }
    }
    return e;
  }

  private static final class MembershipLog implements MembershipListener {
    @Override
    public void memberAdded(MembershipEvent event) {
      LOG.info(() -> "fleet node joined: " + event.getMember().getAddress() + " (" + event.getMembers().size()
          + " nodes)");
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
      LOG.info(() -> "fleet node left: " + event.getMember().getAddress() + " (" + event.getMembers().size()
          + " nodes)");
    }
  }
}
