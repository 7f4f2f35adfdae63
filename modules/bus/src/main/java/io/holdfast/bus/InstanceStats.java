package io.holdfast.bus;

import java.util.List;

/** Everything one listener instance counts: its listeners and the upstream pools on its event loop. */
public record InstanceStats(String instanceId, List<ListenerStats> listeners, List<ServerStats> pools) {

  public InstanceStats {
    listeners = List.copyOf(listeners);
    pools = List.copyOf(pools);
  }
}
