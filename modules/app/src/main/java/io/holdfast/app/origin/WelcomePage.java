package io.holdfast.app.origin;

import io.holdfast.config.AdminConfig;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;

/**
 * The page a fresh install answers with. It is rendered once: the origin serves the same bytes to every
 * request, so the page costs nothing per request beyond the write.
 */
public final class WelcomePage {

  private final Buffer body;

  private WelcomePage(Buffer body) {
    this.body = body;
  }

  /** The page for a process reading {@code configFile} with its admin port at {@code admin}. */
  public static WelcomePage of(Path configFile, AdminConfig admin) {
    String base = "http://" + hostForUrl(admin.host()) + ":" + admin.port();
    String html = """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Holdfast is running</title>
        <style>body{font-family:system-ui,sans-serif;max-width:42em;margin:3em auto;line-height:1.5;color:#222}
        code{background:#f3f3f3;padding:0 .25em}</style></head>
        <body>
        <h1>Holdfast is running</h1>
        <p>This page came through the proxy: your request reached a Holdfast listener, which forwarded it
        over a pooled keepalive connection to the built-in origin, a tiny page server inside Holdfast
        that exists only to show that everything works.</p>
        <p>To proxy your own application, edit <code>%s</code>: point the upstream's
        <code>servers</code> at your app (for example <code>"address": "127.0.0.1:3000"</code>) and set
        <code>"origin": {"enabled": false}</code>. Holdfast picks up the saved file by itself
        (or send it <code>SIGHUP</code>).</p>
        <p>Watch the connections being reused on the admin port:</p>
        <ul>
        <li><a href="%s/dashboard">%s/dashboard</a> &mdash; the live dashboard and keepalive advice</li>
        <li><a href="%s/status">%s/status</a> &mdash; nginx <code>stub_status</code> text</li>
        <li><a href="%s/status.json">%s/status.json</a> &mdash; per listener and upstream server</li>
        <li><a href="%s/metrics">%s/metrics</a> &mdash; Prometheus</li>
        <li><a href="%s/config">%s/config</a> &mdash; the running config</li>
        </ul>
        </body>
        </html>
        """.formatted(escape(configFile.toString()), base, base, base, base, base, base, base, base, base, base);
    return new WelcomePage(Buffer.buffer(html));
  }

  public Buffer body() {
    return body;
  }

  private static String hostForUrl(String host) {
    if ("0.0.0.0".equals(host) || "::".equals(host)) {
      // A wildcard bind is reachable on loopback; the wildcard itself is not a browsable address.
      return "127.0.0.1";
    }
    return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
