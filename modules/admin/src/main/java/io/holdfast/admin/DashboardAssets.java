package io.holdfast.admin;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dashboard's page, script and style sheet, read once from the jar (resources under
 * {@value #DIRECTORY}) and served as they are: no CDN, no build step, works offline. The page's
 * Content-Security-Policy allows only its own origin, so a config value shown on it can never run as script.
 */
final class DashboardAssets {

  static final String DIRECTORY = "/dashboard/";
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; "
      + "script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  /** One file: its bytes and media type. */
  private record Asset(Buffer body, String contentType) {
  }

  private final Map<String, Asset> assets = new LinkedHashMap<>();

  private DashboardAssets() {
  }

  static DashboardAssets load() {
    DashboardAssets loaded = new DashboardAssets();
    loaded.add("index.html", "text/html; charset=utf-8");
    loaded.add("app.js", "text/javascript; charset=utf-8");
    loaded.add("app.css", "text/css; charset=utf-8");
    return loaded;
  }

  private void add(String name, String contentType) {
    String resource = DIRECTORY + name;
    try (InputStream in = DashboardAssets.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the admin module's resources");
      }
      assets.put(name, new Asset(Buffer.buffer(in.readAllBytes()), contentType));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void serve(HttpServerRequest request, String name) {
    Asset asset = assets.get(name);
    request.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, asset.contentType())
        // Revalidated on every load, so a new jar's page is never mixed with an old cached script.
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .putHeader("Referrer-Policy", "no-referrer")
        .end(asset.body());
  }
}
