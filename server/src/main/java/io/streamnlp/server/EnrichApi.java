package io.streamnlp.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.streamnlp.bundle.Json;
import io.streamnlp.moderation.ModerationPolicy;
import io.streamnlp.registry.http.ApiException;
import io.streamnlp.registry.http.BearerTokenAuthenticator;
import io.streamnlp.registry.http.BoundedInputStream;
import io.streamnlp.registry.http.UploadRejectedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's resources (docs/openapi-enrich.yaml). {@code /healthz} is open (process up); the others need the
 * bearer token when one is configured. Every refusal is a JSON {@code {"error", "status"}}.
 */
final class EnrichApi implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(EnrichApi.class);

    private final ServerConfig config;
    private final InferenceQueue queue;
    private final ServerMetrics metrics;
    private final BearerTokenAuthenticator authenticator;

    EnrichApi(ServerConfig config, InferenceQueue queue, ServerMetrics metrics) {
        this.config = config;
        this.queue = queue;
        this.metrics = metrics;
        this.authenticator = config.token() == null ? null : new BearerTokenAuthenticator(config.token());
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        long receivedAt = System.currentTimeMillis();
        int status;
        try (exchange) {
            try {
                status = route(exchange, receivedAt);
            } catch (BadRequestException e) {
                status = sendError(exchange, e.status(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                status = sendError(exchange, 500, "the server could not complete the request");
            }
        }
        metrics.answered(status, System.nanoTime() - started);
    }

    private int route(HttpExchange exchange, long receivedAt) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (path.equals("/healthz")) {
            allow(method, "GET");
            return sendJson(exchange, 200, JsonNodeFactory.instance.objectNode().put("status", "ok"));
        }
        if (!List.of("/readyz", "/metrics", "/v1/enrich").contains(path)) {
            throw new BadRequestException(404, "no resource at " + path);
        }
        authorize(exchange);
        switch (path) {
            case "/readyz" -> {
                allow(method, "GET");
                boolean ready = queue.ready();
                return sendJson(
                        exchange,
                        ready ? 200 : 503,
                        JsonNodeFactory.instance.objectNode().put("status", ready ? "ready" : "loading"));
            }
            case "/metrics" -> {
                allow(method, "GET");
                byte[] body = metrics.exposition().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
                return 200;
            }
            default -> {
                allow(method, "POST");
                return enrich(exchange, receivedAt);
            }
        }
    }

    private int enrich(HttpExchange exchange, long receivedAt) throws IOException {
        EnrichRequest request = EnrichRequest.parse(readBody(exchange), config.maxTextChars(), receivedAt);
        if (!queue.ready()) {
            throw new BadRequestException(503, "the model is still loading; see /readyz");
        }
        if (request.events().size() > queue.capacity()) {
            throw new BadRequestException(
                    413, request.events().size() + " texts are more than the queue holds (" + queue.capacity() + ")");
        }
        List<Enrichment> enrichments;
        try {
            enrichments =
                    queue.submit(request.texts()).get(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (QueueFullException e) {
            throw new BadRequestException(429, e.getMessage());
        } catch (TimeoutException e) {
            throw new BadRequestException(504, "no result within " + config.requestTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadRequestException(503, "the server is stopping");
        } catch (ExecutionException e) {
            throw new IllegalStateException("inference failed", e.getCause());
        }
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        ArrayNode results = response.putArray("results");
        long now = System.currentTimeMillis();
        ModerationPolicy policy =
                config.moderation() == null ? null : config.moderation().current();
        for (int i = 0; i < enrichments.size(); i++) {
            results.add(EnrichedJson.of(request.events().get(i), enrichments.get(i), policy, receivedAt, now));
        }
        return sendJson(exchange, 200, response);
    }

    private void authorize(HttpExchange exchange) {
        if (authenticator == null) {
            return;
        }
        try {
            authenticator.authorize(exchange.getRequestHeaders().getFirst("Authorization"));
        } catch (ApiException e) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            throw new BadRequestException(401, e.getMessage());
        }
    }

    private byte[] readBody(HttpExchange exchange) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null && parseLong(declared) > config.maxRequestBytes()) {
            throw new BadRequestException(
                    413, "a body of " + declared + " bytes exceeds the limit of " + config.maxRequestBytes());
        }
        try (InputStream in = new BoundedInputStream(exchange.getRequestBody(), config.maxRequestBytes())) {
            return in.readAllBytes();
        } catch (UploadRejectedException e) {
            throw new BadRequestException(413, e.getMessage());
        }
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException(400, "Content-Length is not a number");
        }
    }

    private static void allow(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new BadRequestException(405, method + " is not allowed here; use " + allowed);
        }
    }

    private static int sendError(HttpExchange exchange, int status, String message) throws IOException {
        return sendJson(
                exchange,
                status,
                JsonNodeFactory.instance.objectNode().put("error", message).put("status", status));
    }

    private static int sendJson(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        return status;
    }
}
