package io.holdfast.admin;

import io.holdfast.bus.Addresses;
import io.holdfast.bus.LocalDelivery;
import io.holdfast.bus.ConfigRollback;
import io.holdfast.config.ConfigChangeResult;
import io.holdfast.config.ConfigError;
import io.holdfast.config.ConfigHistory;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.config.ConfigVersion;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.Optional;

/**
 * GET /config/versions (newest first), GET /config/versions/{n} (that config and its diff) and
 * POST /config/rollback. The history is the config verticle's immutable {@link ConfigHistory}; a rollback
 * is applied there, like any other write.
 */
final class HistoryEndpoints {

  static final String LIST = "/config/versions";
  static final String ONE = LIST + "/";
  static final String ROLLBACK = "/config/rollback";

  private final EventBus bus;
  private final int bodyLimit;

  HistoryEndpoints(EventBus bus, int bodyLimit) {
    this.bus = bus;
    this.bodyLimit = bodyLimit;
  }

  void list(HttpServerRequest request, ConfigSnapshot running) {
    history(request).onSuccess(history -> {
      JsonArray versions = new JsonArray();
      history.versions().forEach(v -> versions.add(VersionJson.summary(v)));
      AdminResponses.json(request.response(), 200, versions);
    });
  }

  void one(HttpServerRequest request, ConfigSnapshot running) {
    String number = request.path().substring(ONE.length());
    boolean numeric = !number.isEmpty() && number.length() <= 18 && number.chars().allMatch(Character::isDigit);
    long version = numeric ? Long.parseLong(number) : -1;
    history(request).onSuccess(history -> {
      Optional<ConfigVersion> found = version < 1 ? Optional.empty() : history.find(version);
      if (found.isPresent()) {
        AdminResponses.json(request.response(), 200, VersionJson.detail(found.get()));
      } else {
        AdminResponses.error(request.response(), 404,
            version < 1 ? "no such version: " + number : history.whyMissing(version));
      }
    });
  }

  void rollback(HttpServerRequest request, ConfigSnapshot running) {
    JsonBody.read(request, bodyLimit).onSuccess(body -> {
      Object version = body.getValue("version");
      if (!(version instanceof Integer || version instanceof Long) || ((Number) version).longValue() < 1) {
        AdminResponses.errors(request.response(), 400,
            List.of(new ConfigError("version", "must be the number of a version in GET /config/versions")));
        return;
      }
      ConfigRollback rollback = new ConfigRollback(((Number) version).longValue(), IfMatch.precondition(request));
      bus.<ConfigChangeResult>request(Addresses.CONFIG_ROLLBACK, rollback, LocalDelivery.options())
          .onComplete(reply -> ChangeAnswers.send(request, reply));
    });
  }

  private Future<ConfigHistory> history(HttpServerRequest request) {
    return bus.<ConfigHistory>request(Addresses.CONFIG_HISTORY, null, LocalDelivery.options()).map(Message::body)
        .onFailure(e -> AdminResponses.error(request.response(), 503, "config service unavailable: " + e.getMessage()));
  }
}
