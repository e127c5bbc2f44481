package io.streamnlp.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.streamnlp.registry.AccessDeniedException;
import io.streamnlp.registry.InvalidModelException;
import io.streamnlp.registry.InvalidNameException;
import io.streamnlp.registry.ManifestCodec;
import io.streamnlp.registry.ModelNotFoundException;
import io.streamnlp.registry.RegistryConflictException;
import io.streamnlp.registry.RegistryUnavailableException;
import io.streamnlp.registry.http.ApiException;
import io.streamnlp.registry.http.BearerTokenAuthenticator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's JSON and event-stream endpoints under {@code /api} (docs/console.md), and the pages everywhere
 * else. Reads are open; promote, roll back and feedback need the bearer token, and are refused when the console
 * has none. Every refusal is a JSON {@code {"error", "message"}} with a 4xx or 5xx status.
 */
final class ConsoleApi implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleApi.class);
    private static final ObjectMapper JSON = ManifestCodec.MAPPER;
    private static final int MAX_BODY = 16 * 1024;
    private static final int MAX_LABEL_CHARS = 200;

    private final ConsoleConfig config;
    private final ConsoleFeed feed;
    private final ModelControl models;
    private final ReviewLabels labels;
    private final BearerTokenAuthenticator authenticator;
    /** Each open event stream holds a handler thread; the rest serve requests. */
    private final Semaphore streams;

    ConsoleApi(ConsoleConfig config, ConsoleFeed feed, ModelControl models, ReviewLabels labels, int maxStreams) {
        this.config = config;
        this.feed = feed;
        this.models = models;
        this.labels = labels;
        this.authenticator = config.writable() ? new BearerTokenAuthenticator(config.token()) : null;
        this.streams = new Semaphore(maxStreams);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                List<String> path = segments(exchange.getRequestURI().getRawPath());
                if (path.isEmpty() || !path.get(0).equals("api")) {
                    allow(exchange, "GET", "HEAD");
                    StaticFiles.serve(exchange);
                } else {
                    route(exchange, path.subList(1, path.size()));
                }
            } catch (ApiException e) {
                sendError(exchange, e.status(), e.error(), e.getMessage());
            } catch (InvalidNameException e) {
                sendError(exchange, 400, "invalid_name", e.getMessage());
            } catch (ModelNotFoundException e) {
                sendError(exchange, 404, "not_found", e.getMessage());
            } catch (RegistryConflictException e) {
                sendError(exchange, 409, "conflict", e.getMessage());
            } catch (InvalidModelException e) {
                sendError(exchange, 422, "invalid_model", e.getMessage());
            } catch (AccessDeniedException e) {
                sendError(
                        exchange, 502, "registry_refused", "the model registry refused the console: " + e.getMessage());
            } catch (RegistryUnavailableException e) {
                sendError(exchange, 503, "registry_unavailable", e.getMessage());
            } catch (IOException | RuntimeException e) {
                LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                sendError(exchange, 500, "internal", "the console could not complete the request");
            }
        }
    }

    private void route(HttpExchange exchange, List<String> path) throws IOException {
        String resource = String.join("/", path);
        switch (resource) {
            case "config" -> {
                allow(exchange, "GET");
                ObjectNode json = JSON.createObjectNode().put("writable", config.writable());
                json.set("topics", JSON.valueToTree(config.topics()));
                sendJson(exchange, 200, json);
            }
            case "live" -> {
                allow(exchange, "GET");
                sendJson(exchange, 200, feed.live());
            }
            case "drift" -> {
                allow(exchange, "GET");
                sendJson(exchange, 200, feed.drift());
            }
            case "dead-letters" -> {
                allow(exchange, "GET");
                sendJson(exchange, 200, feed.deadLetters());
            }
            case "review" -> {
                allow(exchange, "GET");
                sendJson(exchange, 200, feed.review());
            }
            case "models" -> {
                allow(exchange, "GET");
                sendJson(exchange, 200, models.models(feed.serving(), feed.retrainRequests()));
            }
            case "events" -> {
                allow(exchange, "GET");
                stream(exchange);
            }
            case "feedback" -> {
                allow(exchange, "POST");
                authorize(exchange);
                sendJson(exchange, 201, label(readJson(exchange)));
            }
            default -> {
                if (path.size() == 3
                        && path.get(0).equals("models")
                        && path.get(2).equals("promote")) {
                    allow(exchange, "POST");
                    authorize(exchange);
                    JsonNode version = readJson(exchange).path("version");
                    if (!version.canConvertToInt()) {
                        throw new ApiException(400, "invalid_request", "the body must be {\"version\": N}");
                    }
                    sendJson(exchange, 200, models.promote(path.get(1), version.asInt()));
                } else if (path.size() == 3
                        && path.get(0).equals("models")
                        && path.get(2).equals("rollback")) {
                    allow(exchange, "POST");
                    authorize(exchange);
                    sendJson(exchange, 200, models.rollback(path.get(1)));
                } else {
                    throw new ApiException(404, "not_found", "no resource at /api/" + resource);
                }
            }
        }
    }

    private JsonNode label(JsonNode body) {
        String annotator = body.hasNonNull("annotator") ? text(body, "annotator") : config.annotator();
        return labels.label(text(body, "event_id"), text(body, "task"), text(body, "label"), annotator);
    }

    private void stream(HttpExchange exchange) throws IOException {
        if (!streams.tryAcquire()) {
            throw new ApiException(503, "too_many_streams", "too many open event streams; close a console tab");
        }
        try {
            new EventStream().serve(exchange, feed);
        } finally {
            streams.release();
        }
    }

    private void authorize(HttpExchange exchange) {
        if (authenticator == null) {
            throw new ApiException(
                    403, "read_only", "this console has no token (console.token-file), so it changes nothing");
        }
        authenticator.authorize(exchange.getRequestHeaders().getFirst("Authorization"));
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.path(field);
        if (!node.isTextual() || node.asText().isBlank() || node.asText().length() > MAX_LABEL_CHARS) {
            throw new ApiException(
                    400, "invalid_request", "'" + field + "' must be a string of 1 to " + MAX_LABEL_CHARS + " chars");
        }
        return node.asText();
    }

    private static JsonNode readJson(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            throw new ApiException(413, "payload_too_large", "the body is larger than " + MAX_BODY + " bytes");
        }
        try {
            JsonNode json = JSON.readTree(body);
            if (json == null || !json.isObject()) {
                throw new ApiException(400, "invalid_request", "the body must be a JSON object");
            }
            return json;
        } catch (IOException e) {
            throw new ApiException(400, "invalid_request", "the body is not JSON");
        }
    }

    private static void allow(HttpExchange exchange, String... methods) {
        if (!Arrays.asList(methods).contains(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", String.join(", ", methods));
            throw new ApiException(405, "method_not_allowed", "use " + String.join(" or ", methods));
        }
    }

    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                segments.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    private static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sendError(HttpExchange exchange, int status, String error, String message) {
        try {
            sendJson(
                    exchange,
                    status,
                    JSON.createObjectNode().put("error", error).put("message", message));
        } catch (IOException e) {
            LOG.debug("could not send the {} answer: {}", status, e.toString());
        }
    }
}
