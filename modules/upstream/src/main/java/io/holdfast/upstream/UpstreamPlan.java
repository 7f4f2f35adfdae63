package io.holdfast.upstream;

import io.holdfast.config.ConfigSnapshot;
import io.holdfast.config.UpstreamConfig;

import java.util.Map;

/**
 * Every upstream of one config version, compiled once by the upstream verticle and shared by reference
 * with each listener instance, which builds its own pools from it on its own event loop.
 */
public record UpstreamPlan(long configVersion, Map<String, UpstreamConfig> upstreams) {

  public UpstreamPlan {
    upstreams = Map.copyOf(upstreams);
  }

  public static UpstreamPlan compile(ConfigSnapshot snapshot) {
    return new UpstreamPlan(snapshot.version(), snapshot.config().upstreams());
  }
}
