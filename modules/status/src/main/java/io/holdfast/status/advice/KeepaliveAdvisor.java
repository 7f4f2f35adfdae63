package io.holdfast.status.advice;

import io.holdfast.config.HoldfastConfig;
import io.holdfast.status.history.StatsSample;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the stats history and says which keepalive limits the live traffic shows to be wrong, each with
 * the key, the current and the suggested value, why, and the evidence. Pure: the same samples give the
 * same advice. The rules and their thresholds are in docs/advisor.md.
 */
public final class KeepaliveAdvisor {

  private KeepaliveAdvisor() {
  }

  /** Advice for the config of the newest sample, upstreams first, in config order; empty when nothing to say. */
  public static List<Advice> advise(List<StatsSample> samples) {
    if (samples.isEmpty()) {
      return List.of();
    }
    HoldfastConfig config = samples.get(samples.size() - 1).config().config();
    List<Advice> advice = new ArrayList<>();
    config.upstreams().values().forEach(u -> advice.addAll(UpstreamRules.advise(samples, u)));
    config.listeners().values().forEach(l -> advice.addAll(ListenerRules.advise(samples, l)));
    return advice;
  }

  /** The advice as {@code GET /advice} answers it. */
  public static JsonArray toJson(List<Advice> advice) {
    JsonArray array = new JsonArray();
    advice.forEach(a -> array.add(a.toJson()));
    return array;
  }
}
