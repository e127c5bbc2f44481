package io.streamnlp.console;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The pages: plain HTML, CSS and ES modules from the class path, under a content security policy that allows
 * nothing but this origin (no inline script, no CDN).
 */
final class StaticFiles {
    private static final String ROOT = "web/";
    private static final Pattern FILE = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(html|css|js|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml");
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'; base-uri 'none'";

    private StaticFiles() {}

    /** Serves {@code /} as the index and {@code /NAME.EXT} as a bundled file; 404 for anything else. */
    static void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String name = path.equals("/") ? "index.html" : path.substring(1);
        InputStream in = FILE.matcher(name).matches() ? StaticFiles.class.getResourceAsStream(ROOT + name) : null;
        if (in == null) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        byte[] body;
        try (in) {
            body = in.readAllBytes();
        }
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Cache-Control", "no-cache");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(200, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
