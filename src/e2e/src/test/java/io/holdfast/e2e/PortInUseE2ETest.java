package io.holdfast.e2e;

import io.holdfast.testkit.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Exit code 2, with a message naming the port, when a port Holdfast must bind is taken. */
class PortInUseE2ETest {

  @TempDir
  Path dir;

  @Test
  void takenListenerPortExitsTwoNamingThePort() throws Exception {
    TestConfig config = new TestConfig(FreePorts.next());
    try (ServerSocket squatter = squat(config.listenerPort)) {
      assertExitsTwoNaming(config, config.listenerPort);
    }
  }

  @Test
  void takenAdminPortExitsTwoNamingThePort() throws Exception {
    TestConfig config = new TestConfig(FreePorts.next());
    try (ServerSocket squatter = squat(config.adminPort)) {
      assertExitsTwoNaming(config, config.adminPort);
    }
  }

  private void assertExitsTwoNaming(TestConfig config, int port) throws Exception {
    try (HoldfastProcess process = HoldfastProcess.start("--config", config.write(dir).toString())) {
      int code = process.waitForExit(Duration.ofSeconds(30));

      assertThat(code).as(process.output()).isEqualTo(2);
      assertThat(process.output()).contains("port " + port).contains("in use");
    }
  }

  private static ServerSocket squat(int port) throws Exception {
    return new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"));
  }
}
