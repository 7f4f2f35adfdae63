package io.holdfast.app.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.holdfast.config.ClusterConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HazelcastSettingsTest {

  private static final ClusterConfig MEMBERS = new ClusterConfig(true, "edge", "10.0.0.5", 5901, 0,
      List.of("10.0.0.5", "10.0.0.6:5901"), null);

  @Test
  void tcpIpJoinToTheMembersOnlyWithNoMulticastNoAutoDetectionAndNoPhoneHome() {
    Config config = HazelcastSettings.of(MEMBERS, "10.0.0.5");
    JoinConfig join = config.getNetworkConfig().getJoin();

    assertThat(config.getClusterName()).isEqualTo("edge");
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
    assertThat(join.getKubernetesConfig().isEnabled()).isFalse();
    assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
    assertThat(join.getTcpIpConfig().getMembers()).containsExactly("10.0.0.5", "10.0.0.6:5901");
    assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
  }

  @Test
  void boundToTheClusterHostAndPortOnly() {
    Config config = HazelcastSettings.of(MEMBERS, "10.0.0.5");

    assertThat(config.getNetworkConfig().getPort()).isEqualTo(5901);
    assertThat(config.getNetworkConfig().isPortAutoIncrement()).isFalse();
    assertThat(config.getProperty("hazelcast.local.localAddress")).isEqualTo("10.0.0.5");
    assertThat(config.getProperty("hazelcast.socket.bind.any")).isEqualTo("false");
    // Interface matching would filter out members given by host name.
    assertThat(config.getNetworkConfig().getInterfaces().isEnabled()).isFalse();
  }

  @Test
  void aSilentNodeIsDroppedWellWithinThirtySeconds() {
    Config config = HazelcastSettings.of(MEMBERS, "10.0.0.5");

    long heartbeat = Long.parseLong(config.getProperty("hazelcast.heartbeat.interval.seconds"));
    long maxSilence = Long.parseLong(config.getProperty("hazelcast.max.no.heartbeat.seconds"));
    assertThat(heartbeat + maxSilence).isLessThanOrEqualTo(15);
  }

  @Test
  void kubernetesDnsLookupReplacesTheMemberList() {
    ClusterConfig kubernetes = new ClusterConfig(true, "holdfast", "auto", 5801, 0, List.of(),
        "holdfast-hs.edge.svc.cluster.local");

    JoinConfig join = HazelcastSettings.of(kubernetes, "10.1.2.3").getNetworkConfig().getJoin();

    assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
    assertThat(join.getKubernetesConfig().isEnabled()).isTrue();
    assertThat(join.getKubernetesConfig().getProperty("service-dns")).isEqualTo("holdfast-hs.edge.svc.cluster.local");
    assertThat(join.getKubernetesConfig().getProperty("service-port")).isEqualTo("5801");
  }

  @Test
  void autoFindsAnAddressThatIsNotLoopbackAndAnIpStaysAsItIs() {
    assertThat(ClusterHost.resolve("127.0.0.1")).isEqualTo("127.0.0.1");
    String auto = ClusterHost.resolve(ClusterConfig.AUTO_HOST);
    assertThat(auto).doesNotStartWith("127.").matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
  }
}
