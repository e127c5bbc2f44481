package io.streamnlp.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.streamnlp.bundle.FileTrees;
import io.streamnlp.registry.ArtifactPaths;
import io.streamnlp.registry.InvalidModelException;
import io.streamnlp.registry.InvalidNameException;
import io.streamnlp.registry.ManifestCodec;
import io.streamnlp.registry.ModelFormat;
import io.streamnlp.registry.ModelManifest;
import io.streamnlp.registry.ModelNames;
import io.streamnlp.registry.ModelNotFoundException;
import io.streamnlp.registry.ModelReference;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.registry.RegistrationRequest;
import io.streamnlp.registry.RegistryConflictException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's REST resources over a {@link ModelStore} (docs/openapi.yaml). Reads are open;
 * writes need the bearer token. Every refusal is a JSON {@code {"error", "message"}} with a 4xx status.
 */
final class RegistryApi implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryApi.class);
    private static final ObjectMapper JSON = ManifestCodec.MAPPER;
    private static final int MAX_JSON_BODY = 64 * 1024;
    /** An upload declared at most this much over the limit is read and dropped before its 413. */
    private static final long DISCARDED_EXCESS_BYTES = 1024 * 1024;

    private final ModelStore store;
    private final BearerTokenAuthenticator authenticator;
    private final UploadLimits limits;

    RegistryApi(ModelStore store, BearerTokenAuthenticator authenticator, UploadLimits limits) {
        this.store = store;
        this.authenticator = authenticator;
        this.limits = limits;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange, segments(exchange.getRequestURI().getRawPath()));
            } catch (ApiException e) {
                sendError(exchange, e.status(), e.error(), e.getMessage());
            } catch (UploadRejectedException e) {
                sendError(
                        exchange,
                        e.tooLarge() ? 413 : 400,
                        e.tooLarge() ? "payload_too_large" : "invalid_upload",
                        e.getMessage());
            } catch (InvalidNameException e) {
                sendError(exchange, 400, "invalid_name", e.getMessage());
            } catch (InvalidModelException e) {
                sendError(exchange, 422, "invalid_model", e.getMessage());
            } catch (ModelNotFoundException e) {
                sendError(exchange, 404, "not_found", e.getMessage());
            } catch (RegistryConflictException e) {
                sendError(exchange, 409, "conflict", e.getMessage());
            } catch (IOException | RuntimeException e) {
                LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                sendError(exchange, 500, "internal", "the registry could not complete the request");
            }
        }
    }

    private void route(HttpExchange exchange, List<String> path) throws IOException {
        String method = exchange.getRequestMethod();
        if (path.equals(List.of("healthz"))) {
            allow(method, "GET");
            sendJson(exchange, 200, Map.of("status", "ok"));
            return;
        }
        if (path.size() < 2 || !path.get(0).equals("v1")) {
            throw new ApiException(
                    404,
                    "not_found",
                    "no resource at " + exchange.getRequestURI().getRawPath());
        }
        if (path.get(1).equals("resolve") && path.size() == 3) {
            allow(method, "GET");
            sendJson(exchange, 200, store.resolve(ModelReference.parse(path.get(2))));
            return;
        }
        if (!path.get(1).equals("models")) {
            throw new ApiException(
                    404,
                    "not_found",
                    "no resource at " + exchange.getRequestURI().getRawPath());
        }
        if (path.size() == 2) {
            allow(method, "GET");
            sendJson(exchange, 200, store.list());
            return;
        }
        String name = ModelNames.requireModelName(path.get(2));
        if (path.size() == 3) {
            allow(method, "GET");
            sendJson(exchange, 200, store.model(name));
            return;
        }
        String collection = path.get(3);
        if (collection.equals("versions")) {
            routeVersions(exchange, method, name, path.subList(4, path.size()));
        } else if (collection.equals("aliases") && path.size() == 5) {
            routeAlias(exchange, method, name, ModelNames.requireAlias(path.get(4)));
        } else {
            throw new ApiException(
                    404,
                    "not_found",
                    "no resource at " + exchange.getRequestURI().getRawPath());
        }
    }

    private void routeVersions(HttpExchange exchange, String method, String name, List<String> rest)
            throws IOException {
        if (rest.isEmpty()) {
            allow(method, "GET", "POST");
            if (method.equals("GET")) {
                sendJson(exchange, 200, store.versions(name));
            } else {
                authorize(exchange);
                sendJson(exchange, 201, upload(exchange, name));
            }
            return;
        }
        int number = ModelNames.parseVersion(rest.get(0));
        if (rest.size() == 1) {
            allow(method, "GET");
            sendJson(exchange, 200, store.resolve(ModelReference.ofVersion(name, number)));
        } else if (rest.size() == 2 && rest.get(1).equals("archive")) {
            allow(method, "POST");
            authorize(exchange);
            sendJson(exchange, 200, store.archive(name, number));
        } else if (rest.size() == 2 && rest.get(1).equals("content")) {
            allow(method, "GET");
            sendContent(exchange, store.resolve(ModelReference.ofVersion(name, number)));
        } else if (rest.size() >= 3 && rest.get(1).equals("files")) {
            allow(method, "GET");
            sendFile(
                    exchange,
                    store.resolve(ModelReference.ofVersion(name, number)),
                    String.join("/", rest.subList(2, rest.size())));
        } else {
            throw new ApiException(
                    404,
                    "not_found",
                    "no resource at " + exchange.getRequestURI().getRawPath());
        }
    }

    private void routeAlias(HttpExchange exchange, String method, String name, String alias) throws IOException {
        allow(method, "GET", "PUT", "DELETE");
        switch (method) {
            case "GET" -> sendJson(exchange, 200, store.resolve(ModelReference.ofAlias(name, alias)));
            case "PUT" -> {
                authorize(exchange);
                JsonNode body = readJson(exchange);
                JsonNode version = body.path("version");
                JsonNode force = body.path("force");
                if (!version.canConvertToInt()
                        || !version.isIntegralNumber()
                        || !(force.isMissingNode() || force.isBoolean())) {
                    throw new ApiException(
                            400,
                            "bad_request",
                            "body must be {\"version\": <positive integer>, \"force\": <boolean, optional>}");
                }
                sendJson(
                        exchange,
                        200,
                        force.asBoolean()
                                ? store.forceAlias(name, alias, version.intValue())
                                : store.setAlias(name, alias, version.intValue()));
            }
            default -> {
                authorize(exchange);
                store.removeAlias(name, alias);
                exchange.sendResponseHeaders(204, -1);
            }
        }
    }

    private ModelVersion upload(HttpExchange exchange, String name) throws IOException {
        RegistrationRequest request =
                registrationFromQuery(exchange.getRequestURI().getRawQuery());
        String declaredLength = exchange.getRequestHeaders().getFirst("Content-Length");
        long declared =
                declaredLength != null && declaredLength.matches("[0-9]{1,18}") ? Long.parseLong(declaredLength) : -1;
        if (declared > limits.maxArchiveBytes()) {
            if (declared - limits.maxArchiveBytes() <= DISCARDED_EXCESS_BYTES) {
                // closing with the body unread resets the connection, and a client still sending it would lose the
                // 413 with it; a body not much over the limit is cheaper to read and drop than to leave that race
                exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            }
            throw UploadRejectedException.tooLarge(
                    "upload of " + declaredLength + " bytes exceeds the limit of " + limits.maxArchiveBytes());
        }
        Path workDir = Files.createTempDirectory("streamnlp-upload-");
        try (InputStream body = new BoundedInputStream(exchange.getRequestBody(), limits.maxArchiveBytes())) {
            Path modelDir = ModelArchives.extract(body, workDir, limits);
            return store.register(name, modelDir, request);
        } finally {
            try {
                FileTrees.deleteRecursively(workDir);
            } catch (UncheckedIOException e) {
                LOG.warn("cannot clean up {}", workDir, e);
            }
        }
    }

    /** Registration metadata as query parameters, curl-friendly: task (repeated), format, parent_version, ... */
    static RegistrationRequest registrationFromQuery(String rawQuery) {
        RegistrationRequest.Builder builder = RegistrationRequest.builder();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return builder.build();
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (key.equals("task")) {
                builder.task(value);
            } else if (key.equals("format")) {
                builder.format(ModelFormat.fromId(value));
            } else if (key.equals("parent_version")) {
                builder.parentVersion(ModelNames.parseVersion(value));
            } else if (key.equals("training_data_fingerprint")) {
                builder.trainingDataFingerprint(value);
            } else if (key.startsWith("metric.")) {
                builder.metric(key.substring("metric.".length()), parseDouble(key, value));
            } else if (key.startsWith("labels.")) {
                builder.labels(key.substring("labels.".length()), Arrays.asList(value.split(",")));
            } else {
                throw new ApiException(
                        400, "bad_request", "unknown query parameter '" + key.replaceAll("[^A-Za-z0-9._-]", "?") + "'");
            }
        }
        return builder.build();
    }

    private static double parseDouble(String key, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new ApiException(400, "bad_request", key + " must be a number");
        }
    }

    private void sendContent(HttpExchange exchange, ModelVersion version) throws IOException {
        Path dir = store.directory(version);
        Map<String, Path> files = new LinkedHashMap<>();
        files.put(ModelManifest.FILE_NAME, dir.resolve(ModelManifest.FILE_NAME));
        version.manifest().files().keySet().forEach(file -> files.put(file, ArtifactPaths.resolveInside(dir, file)));
        exchange.getResponseHeaders().set("Content-Type", "application/zip");
        exchange.getResponseHeaders()
                .set(
                        "Content-Disposition",
                        "attachment; filename=\"" + version.name() + "-" + version.version() + ".zip\"");
        exchange.getResponseHeaders().set("X-Model-Digest", version.digest());
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            ModelArchives.writeZip(files, out);
        }
    }

    private void sendFile(HttpExchange exchange, ModelVersion version, String relative) throws IOException {
        try {
            ArtifactPaths.requireSafe(relative);
        } catch (InvalidModelException e) {
            throw new ApiException(400, "invalid_path", e.getMessage());
        }
        Path dir = store.directory(version);
        Path file;
        if (relative.equals(ModelManifest.FILE_NAME)) {
            file = dir.resolve(ModelManifest.FILE_NAME);
        } else if (version.manifest().files().containsKey(relative)) {
            file = ArtifactPaths.resolveInside(dir, relative);
        } else {
            throw new ModelNotFoundException(version.reference() + " has no file '" + relative + "'");
        }
        exchange.getResponseHeaders()
                .set("Content-Type", relative.endsWith(".json") ? "application/json" : "application/octet-stream");
        exchange.sendResponseHeaders(200, Files.size(file));
        try (OutputStream out = exchange.getResponseBody()) {
            Files.copy(file, out);
        }
    }

    private void authorize(HttpExchange exchange) {
        authenticator.authorize(exchange.getRequestHeaders().getFirst("Authorization"));
    }

    private static JsonNode readJson(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_JSON_BODY + 1);
        }
        if (body.length > MAX_JSON_BODY) {
            throw new ApiException(413, "payload_too_large", "JSON bodies are limited to " + MAX_JSON_BODY + " bytes");
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new ApiException(400, "bad_request", "body must be a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new ApiException(400, "bad_request", "body is not valid JSON");
        }
    }

    private static void allow(String method, String... allowed) {
        for (String candidate : allowed) {
            if (candidate.equals(method)) {
                return;
            }
        }
        throw new ApiException(
                405, "method_not_allowed", method + " is not allowed here; use " + String.join(", ", allowed));
    }

    static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String raw : rawPath.split("/")) {
            if (!raw.isEmpty()) {
                segments.add(decode(raw));
            }
        }
        return segments;
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "bad_request", "malformed percent-encoding");
        }
    }

    private static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sendError(HttpExchange exchange, int status, String error, String message) throws IOException {
        if (status == 401) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"streamnlp-registry\"");
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        sendJson(exchange, status, body);
    }
}
