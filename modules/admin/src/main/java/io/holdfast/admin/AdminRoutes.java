package io.holdfast.admin;

import io.holdfast.bus.StatusQuery;
import io.holdfast.config.ConfigSnapshot;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The admin port's dispatcher: exact path, then method (404 / 405 with {@code Allow}), then the bearer
 * token for everything but the status endpoints (status, metrics, health, advice, {@code /cluster}, the
 * dashboard and its stream), which monitoring and a browser must reach without a secret. {@code HEAD} is
 * answered wherever {@code GET} is, as nginx does (Vert.x sends the head only), except on the event
 * stream, whose response never ends.
 */
final class AdminRoutes implements Handler<HttpServerRequest> {

  /** A protected action, given the running config it was authorised against. */
  @FunctionalInterface
  interface Action {
    void handle(HttpServerRequest request, ConfigSnapshot running);
  }

  private record Route(boolean open, Map<HttpMethod, Action> actions) {

    Action action(HttpMethod method, boolean headAsGet) {
      Action action = actions.get(method);
      return action == null && headAsGet && method == HttpMethod.HEAD ? actions.get(HttpMethod.GET) : action;
    }

    String allow(boolean headAsGet) {
      return actions.keySet().stream()
          .flatMap(m -> headAsGet && m == HttpMethod.GET ? Stream.of(m, HttpMethod.HEAD) : Stream.of(m))
          .map(HttpMethod::name).sorted().collect(Collectors.joining(", "));
    }
  }

  private static final Logger LOG = Logger.getLogger(AdminRoutes.class.getName());
  private static final String STREAM = "/dashboard/stream";

  private final Map<String, Route> routes = new LinkedHashMap<>();
  // The one parameterised path, /config/versions/{n}: a prefix, no pattern matching.
  private final Route versionRoute;
  private final RunningConfig runningConfig;

  AdminRoutes(EventBus bus, int bodyLimit) {
    this.runningConfig = new RunningConfig(bus);
    StatusEndpoints status = new StatusEndpoints(bus);
    ConfigEndpoints config = new ConfigEndpoints(bus, bodyLimit);
    HistoryEndpoints history = new HistoryEndpoints(bus, bodyLimit);
    String openApi = OpenApiDocument.load();
    DashboardAssets dashboard = DashboardAssets.load();
    DashboardStream stream = new DashboardStream(bus);
    open("/status", (req, c) -> status.serve(req, StatusQuery.STUB_STATUS));
    open("/status.json", (req, c) -> status.serveJson(req));
    open("/metrics", (req, c) -> status.serve(req, StatusQuery.METRICS));
    open("/healthz", (req, c) -> status.serve(req, StatusQuery.HEALTH));
    open("/advice", (req, c) -> status.serve(req, StatusQuery.ADVICE));
    open("/", (req, c) -> req.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, "/dashboard").end());
    open("/dashboard", (req, c) -> dashboard.serve(req, "index.html"));
    open("/dashboard/app.js", (req, c) -> dashboard.serve(req, "app.js"));
    open("/dashboard/app.css", (req, c) -> dashboard.serve(req, "app.css"));
    open(STREAM, (req, c) -> stream.open(req));
    ClusterEndpoint cluster = new ClusterEndpoint(bus);
    open("/cluster", (req, c) -> cluster.serve(req));
    routes.put("/config", new Route(false,
        Map.of(HttpMethod.GET, config::get, HttpMethod.PUT, config::put, HttpMethod.PATCH, config::patch)));
    routes.put(HistoryEndpoints.LIST, new Route(false, Map.of(HttpMethod.GET, history::list)));
    routes.put(HistoryEndpoints.ROLLBACK, new Route(false, Map.of(HttpMethod.POST, history::rollback)));
    versionRoute = new Route(false, Map.of(HttpMethod.GET, history::one));
    routes.put("/openapi.json", new Route(false, Map.of(HttpMethod.GET,
        (req, c) -> AdminResponses.text(req.response(), 200, AdminResponses.JSON, openApi))));
  }

  private void open(String path, Action action) {
    routes.put(path, new Route(true, Map.of(HttpMethod.GET, action)));
  }

  @Override
  public void handle(HttpServerRequest request) {
    Route route = routes.get(request.path());
    if (route == null && request.path().startsWith(HistoryEndpoints.ONE)) {
      route = versionRoute;
    }
    if (route == null) {
      AdminResponses.error(request.response(), 404, "no such endpoint: " + request.path());
      return;
    }
    boolean headAsGet = !request.path().equals(STREAM);
    Action action = route.action(request.method(), headAsGet);
    if (action == null) {
      String allow = route.allow(headAsGet);
      request.response().putHeader(HttpHeaders.ALLOW, allow);
      AdminResponses.error(request.response(), 405, request.method() + " is not allowed here; allowed: " + allow);
      return;
    }
    if (route.open()) {
      run(action, request, null);
      return;
    }
    // Hold the body until the caller is known to be authorised.
    request.pause();
    runningConfig.current().onComplete(ar -> {
      if (ar.failed()) {
        request.resume();
        AdminResponses.error(request.response(), 503, "config service unavailable: " + ar.cause().getMessage());
        return;
      }
      ConfigSnapshot running = ar.result();
      if (!BearerAuth.authorized(request.getHeader(HttpHeaders.AUTHORIZATION), running.config().admin().token())) {
        request.resume();
        request.response().putHeader("WWW-Authenticate", "Bearer");
        AdminResponses.error(request.response(), 401, "a valid bearer token is required");
        return;
      }
      run(action, request, running);
      request.resume();
    });
  }

  private static void run(Action action, HttpServerRequest request, ConfigSnapshot running) {
    try {
      action.handle(request, running);
    } catch (RuntimeException e) {
      // A bug must not leave the caller waiting for an answer that never comes.
      LOG.log(Level.WARNING, "admin request " + request.method() + " " + request.path() + " failed", e);
      if (!request.response().headWritten()) {
        AdminResponses.error(request.response(), 500, "internal error: " + e);
      }
    }
  }
}
