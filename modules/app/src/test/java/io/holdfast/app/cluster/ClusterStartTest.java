package io.holdfast.app.cluster;

import io.holdfast.app.runtime.TransportChoice;
import io.holdfast.app.runtime.VertxFactory;
import io.holdfast.bus.PortInUseException;
import io.holdfast.config.ClusterConfig;
import io.holdfast.config.Transport;
import io.holdfast.testkit.TestConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class ClusterStartTest {

  @Test
  void aTakenClusterPortFailsTheStartNamingThePortBeforeHazelcastStarts() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      ClusterConfig cluster = new ClusterConfig(true, "taken", "127.0.0.1", taken.getLocalPort(), 0,
          List.of("127.0.0.1"), null);
      var config = TestConfig.proxying(8000).config();

      Throwable failure = catchThrowable(() -> ClusterStart.start(cluster,
              bus -> VertxFactory.builder(config, TransportChoice.select(Transport.NIO), bus))
          .await(30, TimeUnit.SECONDS));

      assertThat(failure).isInstanceOf(PortInUseException.class)
          .hasMessage("cluster: port " + taken.getLocalPort() + " on 127.0.0.1 is already in use");
    }
  }
}
