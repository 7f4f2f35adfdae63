package io.holdfast.status;

import io.holdfast.bus.ListenerBinding;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.config.ListenerConfig;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the status verticle knows about the running process: the listener instances that announced
 * themselves, which config version each has bound, and the config version that runs. Confined to the
 * status verticle's event loop.
 *
 * <p>A binding counts for the running version when it was made for that version, or for an earlier one
 * whose listeners are identical: a change that touches only upstreams leaves every socket as it was, so it
 * must not make the process unhealthy while instances have nothing to rebind.
 */
final class InstanceTracker {

  private final Set<String> instances = new LinkedHashSet<>();
  private final Map<String, ListenerBinding> bindings = new HashMap<>();
  private final Map<Long, Map<String, ListenerConfig>> listenersByVersion = new HashMap<>();
  private ConfigSnapshot running;

  InstanceTracker(ConfigSnapshot initial) {
    applied(initial);
  }

  void applied(ConfigSnapshot snapshot) {
    if (running != null && snapshot.version() < running.version()) {
      return;
    }
    running = snapshot;
    listenersByVersion.put(snapshot.version(), snapshot.config().listeners());
    forgetUnusedVersions();
  }

  ConfigSnapshot running() {
    return running;
  }

  /** Returns true when the instance was not known before. */
  boolean up(String instanceId) {
    return instances.add(instanceId);
  }

  /** The instance stopped: it is forgotten with its binding. */
  void down(String instanceId) {
    instances.remove(instanceId);
    bindings.remove(instanceId);
    forgetUnusedVersions();
  }

  /**
   * The instance did not answer: it leaves the set collected from, but its binding is kept so that a slow
   * instance which announces itself again is not held unhealthy until its next rebind.
   */
  void drop(String instanceId) {
    instances.remove(instanceId);
  }

  void binding(ListenerBinding binding) {
    ListenerBinding previous = bindings.get(binding.instanceId());
    if (previous == null || binding.configVersion() >= previous.configVersion()) {
      bindings.put(binding.instanceId(), binding);
    }
  }

  List<String> instances() {
    return List.copyOf(instances);
  }

  Health health() {
    if (instances.isEmpty()) {
      return Health.unhealthy("no listener instance is running");
    }
    long version = running.version();
    for (String id : instances) {
      ListenerBinding b = bindings.get(id);
      if (b == null) {
        return Health.unhealthy("instance " + id + " has not bound its listeners yet");
      }
      if (!b.allBound()) {
        return Health.unhealthy("instance " + id + " could not bind every listener of config version "
            + b.configVersion());
      }
      if (!boundForRunning(b)) {
        return Health.unhealthy("instance " + id + " has not applied config version " + version + " yet");
      }
    }
    return Health.healthy();
  }

  private boolean boundForRunning(ListenerBinding b) {
    if (b.configVersion() >= running.version()) {
      return true;
    }
    Map<String, ListenerConfig> bound = listenersByVersion.get(b.configVersion());
    return bound != null && bound.equals(running.config().listeners());
  }

  private void forgetUnusedVersions() {
    listenersByVersion.keySet().removeIf(v -> v != running.version()
        && bindings.values().stream().noneMatch(b -> b.configVersion() == v));
  }
}
