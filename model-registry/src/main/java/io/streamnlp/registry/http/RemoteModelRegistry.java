package io.streamnlp.registry.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamnlp.bundle.FileTrees;
import io.streamnlp.registry.AccessDeniedException;
import io.streamnlp.registry.ArtifactPaths;
import io.streamnlp.registry.InvalidModelException;
import io.streamnlp.registry.InvalidNameException;
import io.streamnlp.registry.ManifestCodec;
import io.streamnlp.registry.ModelLoadCheck;
import io.streamnlp.registry.ModelManifest;
import io.streamnlp.registry.ModelNames;
import io.streamnlp.registry.ModelNotFoundException;
import io.streamnlp.registry.ModelReference;
import io.streamnlp.registry.ModelRegistry;
import io.streamnlp.registry.ModelSummary;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.registry.RegistrationRequest;
import io.streamnlp.registry.RegistryConflictException;
import io.streamnlp.registry.RegistryException;
import io.streamnlp.registry.RegistryUnavailableException;
import io.streamnlp.registry.VerificationReport;
import io.streamnlp.registry.VersionVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ModelRegistry} served by a remote {@link RegistryHttpServer}. Downloads are unpacked
 * with the same checks as uploads and verified against the digest the server reports.
 */
public final class RemoteModelRegistry implements ModelRegistry {

    private static final ObjectMapper JSON = ManifestCodec.MAPPER;
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    /** A registry that streams without end, or a huge archive, must not fill the disk or hang the loader. */
    static final UploadLimits DOWNLOAD_LIMITS = new UploadLimits(4L << 30, 8L << 30, 100_000);

    static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(30);

    private final URI base;
    private final Optional<String> token;
    private final HttpClient http;
    private final UploadLimits downloadLimits;
    private final VersionVerifier verifier;

    /**
     * @param base e.g. {@code http://registry:8085}
     * @param token the bearer token for writes; empty for read-only use
     */
    public RemoteModelRegistry(URI base, Optional<String> token, ModelLoadCheck loadCheck) {
        String scheme = Objects.requireNonNull(base, "base").getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("registry URL must be http or https: " + base);
        }
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text : text + "/");
        this.token = token.filter(t -> !t.isBlank());
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.downloadLimits = DOWNLOAD_LIMITS;
        this.verifier = new VersionVerifier(loadCheck);
    }

    public URI baseUri() {
        return base;
    }

    @Override
    public List<ModelSummary> list() {
        return getJson("v1/models", new TypeReference<>() {});
    }

    @Override
    public ModelSummary model(String name) {
        return getJson("v1/models/" + segment(ModelNames.requireModelName(name)), new TypeReference<>() {});
    }

    @Override
    public List<ModelVersion> versions(String name) {
        return getJson(
                "v1/models/" + segment(ModelNames.requireModelName(name)) + "/versions", new TypeReference<>() {});
    }

    @Override
    public ModelVersion resolve(ModelReference reference) {
        return getJson("v1/resolve/" + segment(reference.toString()), new TypeReference<>() {});
    }

    @Override
    public ModelVersion register(String name, Path artifactDir, RegistrationRequest request) {
        ModelNames.requireModelName(name);
        if (request.referenceProfile() != null
                && Files.exists(artifactDir.resolve(ModelManifest.REFERENCE_PROFILE_FILE))) {
            throw new InvalidModelException("the artifacts already hold " + ModelManifest.REFERENCE_PROFILE_FILE
                    + "; do not pass a reference profile too");
        }
        Path archive = null;
        try {
            archive = Files.createTempFile("streamnlp-register-", ".zip");
            Map<String, byte[]> extra = request.referenceProfile() == null
                    ? Map.of()
                    : Map.of(ModelManifest.REFERENCE_PROFILE_FILE, JSON.writeValueAsBytes(request.referenceProfile()));
            try (OutputStream out = Files.newOutputStream(archive)) {
                ModelArchives.zipDirectory(artifactDir, out, extra);
            }
            HttpRequest post = authorized(request("v1/models/" + segment(name) + "/versions?" + query(request)))
                    .header("Content-Type", "application/zip")
                    .POST(HttpRequest.BodyPublishers.ofFile(archive))
                    .build();
            return parse(send(post), new TypeReference<>() {});
        } catch (IOException e) {
            throw new UncheckedIOException("cannot upload " + artifactDir + " to " + base, e);
        } finally {
            FileTrees.deleteRecursively(archive);
        }
    }

    /** The server verifies the version with its own load check; it answers 422 when the version cannot be served. */
    @Override
    public ModelVersion setAlias(String name, String alias, int version) {
        return putAlias(name, alias, version, false);
    }

    @Override
    public ModelVersion forceAlias(String name, String alias, int version) {
        return putAlias(name, alias, version, true);
    }

    private ModelVersion putAlias(String name, String alias, int version, boolean force) {
        String body = JSON.createObjectNode()
                .put("version", ModelNames.requireVersion(version))
                .put("force", force)
                .toString();
        HttpRequest put = authorized(request(aliasPath(name, alias)))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return parse(send(put), new TypeReference<>() {});
    }

    @Override
    public void removeAlias(String name, String alias) {
        send(authorized(request(aliasPath(name, alias))).DELETE().build());
    }

    @Override
    public ModelVersion archive(String name, int version) {
        String path = "v1/models/" + segment(ModelNames.requireModelName(name)) + "/versions/"
                + ModelNames.requireVersion(version) + "/archive";
        return parse(
                send(authorized(request(path))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build()),
                new TypeReference<>() {});
    }

    @Override
    public ModelVersion download(ModelReference reference, Path targetDir) {
        ModelVersion version = resolve(reference);
        try {
            ArtifactPaths.requireEmptyTarget(targetDir);
            HttpRequest get = request(
                            "v1/models/" + segment(version.name()) + "/versions/" + version.version() + "/content")
                    .GET()
                    .build();
            HttpResponse<InputStream> response = http.send(get, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = new BoundedInputStream(response.body(), downloadLimits.maxArchiveBytes())) {
                if (response.statusCode() != 200) {
                    throw failure(response.statusCode(), body.readNBytes(64 * 1024));
                }
                // the request timeout ends with the headers; closing the stream ends a body that stalls
                CompletableFuture<Void> deadline = CompletableFuture.runAsync(
                        () -> closeQuietly(body),
                        CompletableFuture.delayedExecutor(DOWNLOAD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
                try {
                    ModelArchives.extract(body, targetDir, downloadLimits);
                } finally {
                    deadline.cancel(false);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot download " + reference + " from " + base + " (at most " + downloadLimits.maxArchiveBytes()
                            + " bytes in " + DOWNLOAD_TIMEOUT.toMinutes() + " minutes)",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while downloading " + reference, e);
        }
        List<String> problems = new VersionVerifier(ModelLoadCheck.STRUCTURE_ONLY).verify(targetDir, version.digest());
        if (!problems.isEmpty()) {
            throw new InvalidModelException("download of " + version.reference() + " is not sound: " + problems);
        }
        return version;
    }

    @Override
    public VerificationReport verify(ModelReference reference) {
        ModelVersion version = resolve(reference);
        Path copy = null;
        try {
            copy = Files.createTempDirectory("streamnlp-verify-");
            try {
                download(version.reference(), copy);
            } catch (InvalidModelException e) {
                return new VerificationReport(version, List.of(e.getMessage()));
            }
            return new VerificationReport(version, verifier.verify(copy, version.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        } finally {
            FileTrees.deleteRecursively(copy);
        }
    }

    private String aliasPath(String name, String alias) {
        return "v1/models/" + segment(ModelNames.requireModelName(name)) + "/aliases/"
                + segment(ModelNames.requireAlias(alias));
    }

    private static String query(RegistrationRequest request) {
        List<String> params = new ArrayList<>();
        request.tasks().forEach(task -> params.add(param("task", task)));
        if (request.format() != null) {
            params.add(param("format", request.format().id()));
        }
        if (request.parentVersion() != null) {
            params.add(param("parent_version", request.parentVersion().toString()));
        }
        if (request.trainingDataFingerprint() != null) {
            params.add(param("training_data_fingerprint", request.trainingDataFingerprint()));
        }
        request.metrics().forEach((metric, value) -> params.add(param("metric." + metric, Double.toString(value))));
        request.labels().forEach((task, labels) -> params.add(param("labels." + task, String.join(",", labels))));
        return String.join("&", params);
    }

    private static String param(String key, String value) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the download fails with its own exception
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).header("Accept", "application/json");
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder builder) {
        token.ifPresent(t -> builder.header("Authorization", "Bearer " + t));
        return builder;
    }

    private <T> T getJson(String path, TypeReference<T> type) {
        return parse(send(request(path).GET().build()), type);
    }

    private byte[] send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 != 2) {
                throw failure(response.statusCode(), response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted during " + request.method() + " " + request.uri(), e);
        }
    }

    private static <T> T parse(byte[] body, TypeReference<T> type) {
        try {
            return JSON.readValue(body, type);
        } catch (IOException e) {
            throw new RegistryException("unreadable registry response: " + e.getMessage(), e);
        }
    }

    /** Turns the server's JSON error back into the exception the local store would have thrown. */
    private static RegistryException failure(int status, byte[] body) {
        String error = "";
        String message = "HTTP " + status;
        try {
            JsonNode node = JSON.readTree(body);
            error = node.path("error").asText("");
            message = node.path("message").asText(message);
        } catch (IOException e) {
            // not our JSON error (a proxy's page, say): keep the status line
        }
        if (status >= 500 || status == 408 || status == 429) {
            return new RegistryUnavailableException("registry answered " + status + ": " + message);
        }
        return switch (status) {
            case 401, 403 -> new AccessDeniedException(message);
            case 404 -> new ModelNotFoundException(message);
            case 409 -> new RegistryConflictException(message);
            case 422 -> new InvalidModelException(message);
            case 400 ->
                switch (error) {
                    case "invalid_name" -> new InvalidNameException(message);
                    case "invalid_upload" -> UploadRejectedException.invalid(message);
                    default -> new InvalidModelException(message);
                };
            case 413 -> UploadRejectedException.tooLarge(message);
            default -> new RegistryException("registry answered " + status + " " + error + ": " + message);
        };
    }
}
