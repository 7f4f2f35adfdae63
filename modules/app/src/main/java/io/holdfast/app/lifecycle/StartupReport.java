package io.holdfast.app.lifecycle;

import io.holdfast.app.Version;
import io.holdfast.app.runtime.TransportChoice;
import io.holdfast.app.runtime.VertxFactory;
import io.holdfast.config.FileDescriptorBudget;
import io.holdfast.config.HoldfastConfig;
import io.holdfast.config.ListenerConfig;
import java.nio.file.Path;
import java.util.logging.Logger;

/** The start-up lines an operator reads first: what runs, where, on which transport, within which limits. */
final class StartupReport {

  private static final Logger LOG = Logger.getLogger(StartupReport.class.getName());

  private StartupReport() {
  }

  static void before(Path configFile, HoldfastConfig config, TransportChoice transport) {
    LOG.info("holdfast " + Version.current() + " starting; config " + configFile);
    if (!transport.fellBack()) {
      LOG.info("transport " + transport.name());
    } else if (transport.explicit()) {
      LOG.warning("transport " + transport.name() + " (fallback: " + transport.fallbackReason() + ")");
    } else {
      LOG.info("transport " + transport.name() + " (auto: " + transport.fallbackReason() + ")");
    }
    LOG.info(config.instances() + " listener instances on " + VertxFactory.eventLoops(config.instances())
        + " event loops");
    // Warn only when the limit cannot carry what the config set; a default lowered to fit is an INFO line.
    FileDescriptorBudget budget = config.fileDescriptors();
    budget.shortfall(config.listeners().values())
        .ifPresentOrElse(LOG::warning, () -> LOG.info(budget.summary(config.listeners().values())));
  }

  static void ready(HoldfastConfig config) {
    for (ListenerConfig listener : config.listeners().values()) {
      LOG.info("listener " + listener.name() + " on " + listener.host() + ":" + listener.port());
    }
    if (config.origin().enabled()) {
      LOG.info("built-in origin on " + config.origin().host() + ":" + config.origin().port());
    }
    LOG.info("admin on " + config.admin().host() + ":" + config.admin().port()
        + " (/dashboard, /status, /status.json, /metrics, /healthz, /advice, /config)");
    LOG.info("ready");
  }
}
