package io.holdfast.app.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import io.holdfast.config.ClusterConfig;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import java.time.Duration;

/**
 * The {@code cluster} section as Hazelcast's config. Vert.x's own base config is kept (its subscription
 * multimap and node maps; {@code -Dvertx.hazelcast.config} can still point at another base), and everything
 * that decides who joins and where it listens is set here, whatever the base said.
 */
public final class HazelcastSettings {

  /** Hazelcast pings every member this often ... */
  static final Duration HEARTBEAT = Duration.ofSeconds(1);
  /**
   * ... and drops one it has not heard from for this long (Hazelcast's default is 60 s). A killed process is
   * usually dropped sooner, when its connections close and reconnecting fails; this bounds the case where
   * nothing closes (a frozen host, a cut cable), inside the contract's 30 s with room for the master to act.
   */
  static final Duration MAX_NO_HEARTBEAT = Duration.ofSeconds(10);
  /** After a network partition heals, how soon the two sides look for each other (default 300 s, then 120 s). */
  static final Duration MERGE_DELAY = Duration.ofSeconds(10);

  static final String VERTX_CONFIG_PROPERTY = "vertx.hazelcast.config";

  private HazelcastSettings() {
  }

  /** {@code host} is {@code cluster.host} already resolved to an IP address. */
  public static Config of(ClusterConfig cluster, String host) {
    Config config = base();
    config.setClusterName(cluster.name());
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "jdk");
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.heartbeat.interval.seconds", String.valueOf(HEARTBEAT.toSeconds()));
    config.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(MAX_NO_HEARTBEAT.toSeconds()));
    config.setProperty("hazelcast.merge.first.run.delay.seconds", String.valueOf(MERGE_DELAY.toSeconds()));
    config.setProperty("hazelcast.merge.next.run.delay.seconds", String.valueOf(MERGE_DELAY.toSeconds()));
    // A first node would otherwise wait 5 s for others before it declares itself the cluster.
    config.setProperty("hazelcast.wait.seconds.before.join", "1");
    // This address and no other: Hazelcast binds it (bind.any off) and tells the others. Not "interfaces",
    // which would also drop every member given by a host name that does not resolve to this very host.
    config.setProperty("hazelcast.local.localAddress", host);
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(cluster.port()).setPortAutoIncrement(false);
    network.getInterfaces().setEnabled(false);
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getAwsConfig().setEnabled(false);
    if (cluster.kubernetes()) {
      join.getTcpIpConfig().setEnabled(false);
      join.getKubernetesConfig().setEnabled(true)
          .setProperty("service-dns", cluster.kubernetesServiceDns())
          .setProperty("service-port", String.valueOf(cluster.port()));
    } else {
      join.getKubernetesConfig().setEnabled(false);
      join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());
    }
    return config;
  }

  /**
   * Vert.x's default cluster config (its default-cluster.xml) built in code: parsing that XML cost about a
   * second of start-up. An operator's own base ({@code -Dvertx.hazelcast.config}) is still read.
   */
  private static Config base() {
    if (System.getProperty(VERTX_CONFIG_PROPERTY) != null) {
      return ConfigUtil.loadConfig();
    }
    Config config = new Config();
    config.getMultiMapConfig("__vertx.subs").setBackupCount(1)
        .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET);
    config.getMapConfig("__vertx.haInfo").setBackupCount(1);
    config.getMapConfig("__vertx.nodeInfo").setBackupCount(1);
    return config;
  }
}
