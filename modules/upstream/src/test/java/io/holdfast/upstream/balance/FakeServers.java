package io.holdfast.upstream.balance;

import io.holdfast.config.Balance;
import io.holdfast.config.ServerConfig;

import java.util.ArrayList;
import java.util.List;

/** A {@link ServerView} of plain arrays, and balancers over servers with given weights. */
final class FakeServers implements ServerView {

  final boolean[] down;
  final int[] load;
  final boolean[] warm;

  FakeServers(int count) {
    down = new boolean[count];
    load = new int[count];
    warm = new boolean[count];
  }

  static List<ServerConfig> servers(int... weights) {
    List<ServerConfig> servers = new ArrayList<>();
    for (int i = 0; i < weights.length; i++) {
      servers.add(new ServerConfig("127.0.0.1", 8081 + i, weights[i], 0));
    }
    return servers;
  }

  static Balancer balancer(Balance kind, int... weights) {
    return Balancer.create(kind, servers(weights), null, true);
  }

  @Override
  public boolean eligible(int server) {
    return !down[server];
  }

  @Override
  public int load(int server) {
    return load[server];
  }

  @Override
  public boolean warm(int server) {
    return warm[server];
  }

  /** How many of {@code picks} picks land on each server, nothing else changing between them. */
  int[] spread(Balancer balancer, int picks) {
    int[] counts = new int[down.length];
    for (int i = 0; i < picks; i++) {
      counts[balancer.pick(this, -1)]++;
    }
    return counts;
  }
}
