package io.holdfast.app.cluster;

import io.holdfast.config.ClusterConfig;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;

/**
 * The address this node uses in the fleet: {@code cluster.host} as an IP address, or, for
 * {@value ClusterConfig#AUTO_HOST}, the first IPv4 address of an interface that is up and not loopback (in a
 * container or a Kubernetes pod, its own address).
 */
final class ClusterHost {

  private ClusterHost() {
  }

  static String resolve(String host) {
    if (!ClusterConfig.AUTO_HOST.equals(host)) {
      try {
        return InetAddress.getByName(host).getHostAddress();
      } catch (UnknownHostException e) {
        throw new IllegalStateException("cluster.host \"" + host + "\" does not resolve", e);
      }
    }
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp() || nic.isLoopback()) {
          continue;
        }
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (address instanceof Inet4Address && !address.isLinkLocalAddress()) {
            return address.getHostAddress();
          }
        }
      }
    } catch (SocketException e) {
      throw new IllegalStateException("cluster.host \"auto\": the network interfaces cannot be read", e);
    }
    throw new IllegalStateException("cluster.host \"auto\": no interface with an IPv4 address that is not loopback");
  }
}
