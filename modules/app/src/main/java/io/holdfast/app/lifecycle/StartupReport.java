package io.holdfast.app.lifecycle;

import io.holdfast.app.Version;
import io.holdfast.app.runtime.FileDescriptorBudget;
import io.holdfast.app.runtime.TransportChoice;
import io.holdfast.app.runtime.VertxFactory;
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
    FileDescriptorBudget budget = FileDescriptorBudget.of(config);
    String limit = budget.limit().isPresent() ? String.valueOf(budget.limit().getAsLong()) : "unknown";
    if (budget.tooLow()) {
      LOG.warning("file descriptor limit " + limit + " is below the ~" + budget.needed()
          + " this config may need (listeners' maxConnections, their upstream connections and idle pools);"
          + " raise it (ulimit -n, LimitNOFILE=) or lower maxConnections");
    } else {
      LOG.info("file descriptor limit " + limit + " (config may need ~" + budget.needed() + ")");
    }
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
