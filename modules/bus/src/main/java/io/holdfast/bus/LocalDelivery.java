package io.holdfast.bus;

import io.vertx.core.eventbus.DeliveryOptions;
import java.time.Duration;

/**
 * How every message in Holdfast's local vocabulary is sent: local only. On a clustered event bus a plain
 * send or publish first looks the address up in the cluster and may write the message to another node —
 * where {@link LocalCodec} cannot go. Local-only delivery never asks the cluster; together with local
 * consumers ({@code EventBus.localConsumer}), which are never advertised to it, nothing in this
 * vocabulary leaves the process. Fleet messages ({@link Addresses#fleetNode}) are the only exception,
 * with wire-safe JSON bodies.
 */
public final class LocalDelivery {

  private LocalDelivery() {
  }

  /** A fresh options object (they are mutable, so none is shared). */
  public static DeliveryOptions options() {
    return new DeliveryOptions().setLocalOnly(true);
  }

  /** Local only, with a reply timeout. */
  public static DeliveryOptions options(Duration timeout) {
    return options().setSendTimeout(timeout.toMillis());
  }
}
