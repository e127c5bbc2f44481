package io.streamnlp.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client of the Confluent Schema Registry REST API (v7; also Apicurio's {@code /apis/ccompat/v7}) for Avro schemas.
 *
 * <p>Thread-safe. Caches id → schema and, per subject, schema → id (entries never change for a given registry, so
 * they are kept for the life of the client). Requests that fail on the connection, time out, or get HTTP 5xx, 408 or 429
 * are retried with exponential backoff up to {@link SchemaRegistryConfig#maxRetries()} times, rotating through the
 * configured URLs; then {@link RegistryUnavailableException}. Other errors are not retried and map to
 * {@link SchemaNotFoundException} (404), {@link IncompatibleSchemaException} (409), {@link RegistryAuthException}
 * (401/403) or {@link SchemaRegistryException}.
 */
public final class SchemaRegistryClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT =
            "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, application/json";

    private final SchemaRegistryConfig config;
    private final HttpClient http;
    private final String authorization;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
    private volatile int preferredUrl;

    public SchemaRegistryClient(SchemaRegistryConfig config) {
        this.config = config;
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL);
        if (config.sslContext() != null) b.sslContext(config.sslContext());
        this.http = b.build();
        this.authorization = config.authorizationHeader();
    }

    /** A client configured from Confluent-style keys (see {@link SchemaRegistryConfig#fromMap(Map)}). */
    public static SchemaRegistryClient create(Map<String, ?> configs) {
        return new SchemaRegistryClient(SchemaRegistryConfig.fromMap(configs));
    }

    public SchemaRegistryConfig config() {
        return config;
    }

    // ------------------------------------------------------------------------------------------------ operations

    /**
     * Registers {@code schema} under {@code subject} (or finds it if it is registered already) and returns its id.
     *
     * @throws IncompatibleSchemaException when the subject's compatibility rule refuses it (HTTP 409)
     */
    public int register(String subject, Schema schema) {
        Integer cached = cachedId(subject, schema);
        if (cached != null) return cached;
        ObjectNode body = JSON.createObjectNode();
        body.put("schema", schema.toString());
        JsonNode r = call(
                "POST",
                "/subjects/" + enc(subject) + "/versions",
                body,
                new Op("register a schema under subject '" + subject + "'", subject, null));
        int id = requireInt(r, "id", "register");
        remember(subject, schema, id);
        return id;
    }

    /**
     * Registers a schema of any type the registry supports ({@code AVRO}, {@code JSON}, {@code PROTOBUF}) from its text
     * and returns its id; nothing is cached. For tools and tests that put foreign schemas beside Avro ones.
     */
    public int register(String subject, String schemaType, String schemaText) {
        ObjectNode body = JSON.createObjectNode();
        body.put("schemaType", schemaType);
        body.put("schema", schemaText);
        JsonNode r = call(
                "POST",
                "/subjects/" + enc(subject) + "/versions",
                body,
                new Op("register a " + schemaType + " schema under subject '" + subject + "'", subject, null));
        return requireInt(r, "id", "register");
    }

    /**
     * Finds {@code schema} among the versions of {@code subject} without registering it.
     *
     * @throws SchemaNotFoundException when the subject does not exist or does not hold this schema
     */
    public RegisteredSchema lookup(String subject, Schema schema) {
        ObjectNode body = JSON.createObjectNode();
        body.put("schema", schema.toString());
        JsonNode r = call(
                "POST",
                "/subjects/" + enc(subject),
                body,
                new Op("look up a schema under subject '" + subject + "'", subject, null));
        RegisteredSchema rs = registered(subject, r, schema);
        remember(subject, schema, rs.id());
        return rs;
    }

    /** The id of {@code schema} under {@code subject} (cached; see {@link #lookup}). */
    public int getId(String subject, Schema schema) {
        Integer cached = cachedId(subject, schema);
        return cached != null ? cached : lookup(subject, schema).id();
    }

    /**
     * The schema with this global id (cached).
     *
     * @throws SchemaNotFoundException when the registry has no schema with this id (HTTP 404, error 40403)
     * @throws UnsupportedSchemaException when the id holds a JSON, Protobuf or other non-Avro schema, or invalid Avro
     */
    public Schema getById(int id) {
        Schema s = schemasById.get(id);
        if (s != null) return s;
        JsonNode r = call("GET", "/schemas/ids/" + id, null, new Op("get schema id " + id, null, id));
        String type = r.path("schemaType").asText("AVRO");
        if (!type.isEmpty() && !type.equalsIgnoreCase("AVRO")) {
            throw new UnsupportedSchemaException(
                    "Schema id " + id + " in the registry at " + config.urls() + " is a " + type
                            + " schema, not Avro; the record was not written by an Avro serializer",
                    null,
                    id,
                    type,
                    null);
        }
        try {
            s = parse(r.path("schema").asText(null), "schema id " + id);
        } catch (SchemaRegistryException e) {
            throw new UnsupportedSchemaException(e.getMessage(), null, id, "AVRO", e);
        }
        Schema prev = schemasById.putIfAbsent(id, s);
        return prev != null ? prev : s;
    }

    /** The latest version registered under {@code subject} (not cached: it changes). */
    public RegisteredSchema latest(String subject) {
        JsonNode r = call(
                "GET",
                "/subjects/" + enc(subject) + "/versions/latest",
                null,
                new Op("get the latest version of subject '" + subject + "'", subject, null));
        return registered(subject, r, null);
    }

    /** One version of {@code subject}. */
    public RegisteredSchema version(String subject, int version) {
        JsonNode r = call(
                "GET",
                "/subjects/" + enc(subject) + "/versions/" + version,
                null,
                new Op("get version " + version + " of subject '" + subject + "'", subject, null));
        return registered(subject, r, null);
    }

    /** The version numbers of {@code subject}. */
    public List<Integer> versions(String subject) {
        JsonNode r = call(
                "GET",
                "/subjects/" + enc(subject) + "/versions",
                null,
                new Op("list the versions of subject '" + subject + "'", subject, null));
        List<Integer> out = new ArrayList<>();
        r.forEach(n -> out.add(n.asInt()));
        return out;
    }

    /** All subjects. */
    public List<String> subjects() {
        JsonNode r = call("GET", "/subjects", null, new Op("list subjects", null, null));
        List<String> out = new ArrayList<>();
        r.forEach(n -> out.add(n.asText()));
        return out;
    }

    /**
     * Whether {@code schema} may be registered as the next version of {@code subject} under the subject's compatibility
     * level. A subject without versions accepts anything.
     */
    public CompatibilityResult checkCompatibility(String subject, Schema schema) {
        ObjectNode body = JSON.createObjectNode();
        body.put("schema", schema.toString());
        JsonNode r;
        try {
            r = call(
                    "POST",
                    "/compatibility/subjects/" + enc(subject) + "/versions/latest?verbose=true",
                    body,
                    new Op("check compatibility against subject '" + subject + "'", subject, null));
        } catch (SchemaNotFoundException e) {
            return new CompatibilityResult(true, List.of("subject '" + subject + "' has no versions yet"));
        }
        List<String> messages = new ArrayList<>();
        r.path("messages").forEach(n -> messages.add(n.asText()));
        return new CompatibilityResult(r.path("is_compatible").asBoolean(false), messages);
    }

    /** Shorthand for {@code checkCompatibility(subject, schema).compatible()}. */
    public boolean isCompatible(String subject, Schema schema) {
        return checkCompatibility(subject, schema).compatible();
    }

    /** Sets the compatibility level of one subject (works before the subject has versions). */
    public CompatibilityLevel setCompatibility(String subject, CompatibilityLevel level) {
        ObjectNode body = JSON.createObjectNode();
        body.put("compatibility", level.name());
        JsonNode r = call(
                "PUT",
                "/config/" + enc(subject),
                body,
                new Op("set the compatibility of subject '" + subject + "'", subject, null));
        return level(r, level);
    }

    /** The subject's compatibility level, or the global default when the subject has none of its own. */
    public CompatibilityLevel getCompatibility(String subject) {
        try {
            JsonNode r = call(
                    "GET",
                    "/config/" + enc(subject) + "?defaultToGlobal=true",
                    null,
                    new Op("get the compatibility of subject '" + subject + "'", subject, null));
            return level(r, null);
        } catch (SchemaNotFoundException e) {
            return getGlobalCompatibility();
        }
    }

    /** The registry-wide default compatibility level (Apicurio's default is NONE). */
    public CompatibilityLevel getGlobalCompatibility() {
        return level(call("GET", "/config", null, new Op("get the global compatibility", null, null)), null);
    }

    public CompatibilityLevel setGlobalCompatibility(CompatibilityLevel level) {
        ObjectNode body = JSON.createObjectNode();
        body.put("compatibility", level.name());
        return level(call("PUT", "/config", body, new Op("set the global compatibility", null, null)), level);
    }

    /** Deletes a subject (soft, then hard when {@code permanent}); returns the deleted versions. */
    public List<Integer> deleteSubject(String subject, boolean permanent) {
        JsonNode r = call(
                "DELETE",
                "/subjects/" + enc(subject) + (permanent ? "?permanent=true" : ""),
                null,
                new Op("delete subject '" + subject + "'", subject, null));
        idsBySubject.remove(subject);
        List<Integer> out = new ArrayList<>();
        r.forEach(n -> out.add(n.asInt()));
        return out;
    }

    /** Drops all cached ids and schemas. */
    public void clearCaches() {
        schemasById.clear();
        idsBySubject.clear();
    }

    /** Nothing to release (the JDK HTTP client frees itself); here for try-with-resources. */
    @Override
    public void close() {}

    // ------------------------------------------------------------------------------------------------ helpers

    private Integer cachedId(String subject, Schema schema) {
        Map<Schema, Integer> m = idsBySubject.get(subject);
        return m == null ? null : m.get(schema);
    }

    private void remember(String subject, Schema schema, int id) {
        idsBySubject.computeIfAbsent(subject, k -> new ConcurrentHashMap<>()).put(schema, id);
        schemasById.putIfAbsent(id, schema);
    }

    private RegisteredSchema registered(String subject, JsonNode r, Schema known) {
        int id = requireInt(r, "id", "subject version");
        int version = r.path("version").asInt(-1);
        Schema s = known != null ? known : schemasById.get(id);
        if (s == null) {
            s = parse(r.path("schema").asText(null), "subject '" + subject + "' version " + version);
            Schema prev = schemasById.putIfAbsent(id, s);
            if (prev != null) s = prev;
        }
        return new RegisteredSchema(r.path("subject").asText(subject), id, version, s);
    }

    private Schema parse(String text, String what) {
        if (text == null) {
            throw new SchemaRegistryException(
                    "The registry at " + config.urls() + " returned no schema text for " + what, null, 200, -1);
        }
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException(
                    "The registry at " + config.urls() + " returned a schema for " + what + " that is not valid Avro: "
                            + e.getMessage(),
                    null,
                    200,
                    -1,
                    e);
        }
    }

    private static int requireInt(JsonNode r, String field, String what) {
        JsonNode n = r.get(field);
        if (n == null || !n.canConvertToInt()) {
            throw new SchemaRegistryException(
                    "Unexpected registry answer to " + what + ": no '" + field + "' in " + r, null, 200, -1);
        }
        return n.asInt();
    }

    private static CompatibilityLevel level(JsonNode r, CompatibilityLevel fallback) {
        String s = r.path("compatibilityLevel").asText(r.path("compatibility").asText(null));
        if (s == null || s.isEmpty()) {
            if (fallback != null) return fallback;
            throw new SchemaRegistryException(
                    "Unexpected registry answer: no compatibility level in " + r, null, 200, -1);
        }
        return CompatibilityLevel.parse(s);
    }

    private static String enc(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** What a request was for, to word error messages. */
    private record Op(String what, String subject, Integer schemaId) {}

    private JsonNode call(String method, String pathAndQuery, JsonNode body, Op op) {
        List<URI> urls = config.urls();
        int start = preferredUrl;
        int attempts = 0;
        Throwable lastError = null;
        int lastStatus = -1;
        String lastUrl = null;
        String lastBody = null;
        long retryAfterMs = -1;
        for (int attempt = 0; attempt <= config.maxRetries(); attempt++) {
            if (attempt > 0) sleep(backoff(attempt, retryAfterMs), lastUrl);
            retryAfterMs = -1;
            int index = (start + attempt) % urls.size();
            String url = urls.get(index) + pathAndQuery;
            lastUrl = url;
            HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(url))
                    .timeout(config.readTimeout())
                    .header("Accept", ACCEPT);
            if (authorization != null) rb.header("Authorization", authorization);
            if (body != null) {
                rb.header("Content-Type", CONTENT_TYPE);
                rb.method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
            } else {
                rb.method(method, HttpRequest.BodyPublishers.noBody());
            }
            attempts++;
            HttpResponse<String> response;
            try {
                response = http.send(rb.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                lastError = e;
                lastStatus = -1;
                LOG.debug("Schema registry {} {} failed (attempt {}): {}", method, url, attempts, e.toString());
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryUnavailableException(
                        "Interrupted while calling the schema registry to " + op.what() + " (" + method + " " + url
                                + ")",
                        url,
                        -1,
                        attempts,
                        e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                preferredUrl = index;
                return json(response.body(), url);
            }
            if (status >= 500 || status == 429 || status == 408) {
                lastStatus = status;
                lastBody = response.body();
                lastError = null;
                retryAfterMs = retryAfter(response);
                LOG.debug("Schema registry {} {} answered HTTP {} (attempt {})", method, url, status, attempts);
                continue;
            }
            throw error(status, response.body(), method, url, op);
        }
        String cause = lastError != null
                ? lastError.toString()
                : "HTTP " + lastStatus + (lastBody == null || lastBody.isBlank() ? "" : ": " + abbreviate(lastBody));
        throw new RegistryUnavailableException(
                "Schema registry unavailable: could not " + op.what() + " (" + method + " "
                        + lastUrl + ") after " + attempts + " attempt(s): " + cause
                        + ". Check that the registry is running and"
                        + " reachable and that " + SchemaRegistryConfig.URL + " " + urls + " is right (connect timeout "
                        + config.connectTimeout().toMillis() + " ms, read timeout "
                        + config.readTimeout().toMillis()
                        + " ms, max.retries " + config.maxRetries() + ").",
                lastUrl,
                lastStatus,
                attempts,
                lastError);
    }

    private long backoff(int attempt, long retryAfterMs) {
        long base = config.retryBackoff().toMillis();
        long max = config.maxRetryBackoff().toMillis();
        long d = base << Math.min(attempt - 1, 20);
        if (d < 0 || d > max) d = max;
        long jittered = (long) (d * (0.8 + 0.2 * ThreadLocalRandom.current().nextDouble()));
        if (retryAfterMs >= 0) jittered = Math.max(jittered, Math.min(retryAfterMs, max));
        return jittered;
    }

    private static long retryAfter(HttpResponse<?> r) {
        Optional<String> h = r.headers().firstValue("Retry-After");
        if (h.isEmpty()) return -1;
        try {
            return Duration.ofSeconds(Long.parseLong(h.get().trim())).toMillis();
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void sleep(long ms, String url) {
        if (ms <= 0) return;
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("Interrupted while waiting to retry " + url, url, -1, 0, e);
        }
    }

    private JsonNode json(String body, String url) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new SchemaRegistryException(
                    "The schema registry at " + url + " answered with something that is not JSON: " + abbreviate(body)
                            + ". Is " + SchemaRegistryConfig.URL
                            + " the registry's API base (for Apicurio: .../apis/ccompat/v7)?",
                    url,
                    200,
                    -1,
                    e);
        }
    }

    private SchemaRegistryException error(int status, String body, String method, String url, Op op) {
        int code = -1;
        String message = abbreviate(body);
        try {
            JsonNode n = body == null || body.isBlank() ? null : JSON.readTree(body);
            if (n != null && n.isObject()) {
                code = n.path("error_code").asInt(-1);
                if (n.hasNonNull("message")) message = n.get("message").asText();
            }
        } catch (IOException ignored) {
            // not JSON: keep the raw text
        }
        String where = " (" + method + " " + url + ")";
        switch (status) {
            case 401:
                return new RegistryAuthException(
                        "The schema registry refused the credentials (HTTP 401) when trying to "
                                + op.what() + where + ": " + message + ". Set "
                                + SchemaRegistryConfig.BASIC_AUTH_USER_INFO
                                + "=user:password or " + SchemaRegistryConfig.BEARER_AUTH_TOKEN
                                + " to credentials this registry accepts"
                                + (authorization == null ? " (none are configured)." : "."),
                        url,
                        status,
                        code);
            case 403:
                return new RegistryAuthException(
                        "The schema registry denied permission (HTTP 403) to " + op.what() + where + ": " + message
                                + ". The credentials were accepted but lack the right; ask the registry admin to grant it.",
                        url,
                        status,
                        code);
            case 404: {
                String text;
                if (op.schemaId() != null) {
                    text = "Schema id " + op.schemaId() + " is not in the schema registry" + where + " (error " + code
                            + "). The record"
                            + " was written against another registry, or its schema was deleted: check "
                            + SchemaRegistryConfig.URL + ".";
                } else if (code == 40403 || code == 40402) {
                    text = "The schema is not registered under subject '" + op.subject() + "'" + where + " (error "
                            + code + "): " + message
                            + ". Register it first (auto.register.schemas=true) or use a schema the subject holds.";
                } else {
                    text = "Subject '" + op.subject() + "' not found in the schema registry" + where + " (error " + code
                            + "): "
                            + message
                            + ". Register a schema under it first (auto.register.schemas=true), or check the topic name"
                            + " and subject naming strategy.";
                }
                return new SchemaNotFoundException(text, url, code, op.subject(), op.schemaId());
            }
            case 409:
                return new IncompatibleSchemaException(
                        "The schema registry refused the schema for subject '" + op.subject()
                                + "' as incompatible with its registered versions (HTTP 409)" + where + ": " + message
                                + ". Under BACKWARD compatibility only add fields with defaults, remove fields, or add enum symbols to enums"
                                + " that have a default (docs/schemas.md); or register it under a new subject.",
                        url,
                        code,
                        op.subject(),
                        List.of(message));
            case 422:
                return new SchemaRegistryException(
                        "The schema registry rejected the request to " + op.what() + " as invalid (HTTP 422, error "
                                + code + ")" + where + ": " + message,
                        url,
                        status,
                        code);
            default:
                return new SchemaRegistryException(
                        "The schema registry answered HTTP " + status + " to the request to " + op.what() + where + ": "
                                + message,
                        url,
                        status,
                        code);
        }
    }

    private static String abbreviate(String s) {
        if (s == null) return "";
        s = s.strip();
        return s.length() > 500 ? s.substring(0, 500) + "..." : s;
    }

    @Override
    public String toString() {
        return "SchemaRegistryClient[" + config + "]";
    }
}
