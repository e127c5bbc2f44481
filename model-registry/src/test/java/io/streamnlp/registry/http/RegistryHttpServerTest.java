package io.streamnlp.registry.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.streamnlp.registry.AccessDeniedException;
import io.streamnlp.registry.InvalidModelException;
import io.streamnlp.registry.InvalidNameException;
import io.streamnlp.registry.ManifestCodec;
import io.streamnlp.registry.ModelLoadCheck;
import io.streamnlp.registry.ModelNotFoundException;
import io.streamnlp.registry.ModelReference;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.registry.RegistrationRequest;
import io.streamnlp.registry.RegistryConflictException;
import io.streamnlp.registry.TestModels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class RegistryHttpServerTest {

    private static final String TOKEN = "correct-horse-battery-staple";
    private static final UploadLimits LIMITS = new UploadLimits(256 * 1024, 1024 * 1024, 100);

    @TempDir
    Path temp;

    private ModelStore store;
    private RegistryHttpServer server;
    private RemoteModelRegistry remote;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        store = ModelStore.open(temp.resolve("registry"));
        server = RegistryHttpServer.start(
                store,
                RegistryServerConfig.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), TOKEN)
                        .withUploadLimits(LIMITS));
        remote = new RemoteModelRegistry(server.baseUri(), Optional.of(TOKEN), ModelLoadCheck.STRUCTURE_ONLY);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void registerDownloadRoundTripOverHttp() throws IOException {
        Path bundle = TestModels.bundle(temp.resolve("bundle"), "a");
        ModelVersion registered = remote.register(
                "support",
                bundle,
                RegistrationRequest.builder()
                        .metric("macro_f1", 0.81)
                        .referenceProfile(JsonNodeFactory.instance.objectNode().put("mean_confidence", 0.9))
                        .trainingDataFingerprint("sha256:feed")
                        .build());
        assertEquals(1, registered.version());
        assertEquals(store.resolve("support:1"), registered);
        assertEquals(0.81, registered.manifest().metrics().get("macro_f1"));
        assertEquals("reference-profile.json", registered.manifest().referenceProfile());

        Path copy = temp.resolve("copy");
        assertEquals(registered, remote.download(ModelReference.parse("support:1"), copy));
        for (String file : registered.manifest().files().keySet()) {
            assertArrayEquals(
                    Files.readAllBytes(store.directory(registered).resolve(file)),
                    Files.readAllBytes(copy.resolve(file)),
                    file);
        }
        assertTrue(store.verifyCopy(registered, copy).sound());
        assertTrue(remote.verify(ModelReference.parse("support")).sound());

        assertEquals(1, remote.setAlias("support", "champion", 1).version());
        assertEquals(registered, remote.resolve("support@champion"));
        assertEquals(Map.of("champion", 1), remote.model("support").aliases());
        assertEquals(
                List.of("support"), remote.list().stream().map(m -> m.name()).toList());
        assertTrue(remote.contains("support"));
        assertFalse(remote.contains("other"));
        assertThrows(RegistryConflictException.class, () -> remote.archive("support", 1));
        remote.removeAlias("support", "champion");
        assertTrue(remote.archive("support", 1).archived());
        assertThrows(ModelNotFoundException.class, () -> remote.resolve("support@champion"));

        HttpResponse<byte[]> file = get("/v1/models/support/versions/1/files/heads/ner.onnx");
        assertEquals(200, file.statusCode());
        assertArrayEquals(Files.readAllBytes(bundle.resolve("heads/ner.onnx")), file.body());
    }

    @Test
    void writesNeedTheBearerToken() throws IOException {
        Path bundle = TestModels.bundle(temp.resolve("bundle"), "a");
        byte[] zip = zipOf(Map.of(
                "bundle.json",
                Files.readAllBytes(bundle.resolve("bundle.json")),
                "heads/category.onnx",
                Files.readAllBytes(bundle.resolve("heads/category.onnx")),
                "heads/ner.onnx",
                Files.readAllBytes(bundle.resolve("heads/ner.onnx"))));

        HttpResponse<byte[]> anonymous =
                send(post("/v1/models/support/versions", zip).build());
        assertError(anonymous, 401, "unauthenticated");
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertError(
                send(post("/v1/models/support/versions", zip)
                        .header("Authorization", "Bearer wrong")
                        .build()),
                403,
                "forbidden");
        assertError(
                send(post("/v1/models/support/versions", zip)
                        .header("Authorization", "Basic " + TOKEN)
                        .build()),
                401,
                "unauthenticated");
        assertTrue(store.list().isEmpty());

        assertEquals(
                201,
                send(post("/v1/models/support/versions", zip)
                                .header("Authorization", "Bearer " + TOKEN)
                                .build())
                        .statusCode());
        assertError(
                send(request("/v1/models/support/aliases/champion")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"version\": 1}"))
                        .build()),
                401,
                "unauthenticated");
        assertError(
                send(request("/v1/models/support/versions/1/archive")
                        .header("Authorization", "Bearer " + TOKEN + "x")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build()),
                403,
                "forbidden");
        assertError(send(request("/v1/models/support/aliases/champion").DELETE().build()), 401, "unauthenticated");
        assertThrows(
                AccessDeniedException.class,
                () -> new RemoteModelRegistry(server.baseUri(), Optional.empty(), ModelLoadCheck.STRUCTURE_ONLY)
                        .setAlias("support", "champion", 1));

        assertEquals(200, get("/v1/models").statusCode(), "reads need no token");
        assertEquals(200, get("/v1/models/support/versions/1").statusCode());
        assertEquals(200, get("/v1/models/support/versions/1/content").statusCode());
        assertTrue(store.model("support").aliases().isEmpty());
    }

    @Test
    void anAliasMovesOnlyToAVersionTheServerCanLoadUnlessForced() throws IOException {
        // the registry runs whatever load check it is given; this one refuses as a real one would marker-byte heads
        ModelLoadCheck refusing = (dir, manifest) -> {
            throw new IllegalStateException("heads/category.onnx is not an ONNX graph");
        };
        ModelStore checking = ModelStore.open(temp.resolve("checking"), Clock.systemUTC(), refusing);
        try (RegistryHttpServer checked = RegistryHttpServer.start(
                checking, RegistryServerConfig.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), TOKEN))) {
            RemoteModelRegistry client =
                    new RemoteModelRegistry(checked.baseUri(), Optional.of(TOKEN), ModelLoadCheck.STRUCTURE_ONLY);
            // the test bundle's heads are marker bytes, not ONNX graphs: sound digests, but it cannot load
            ModelVersion unloadable = checking.register(
                    "support",
                    TestModels.bundle(temp.resolve("bundle"), "a"),
                    RegistrationRequest.builder().build());

            InvalidModelException refused =
                    assertThrows(InvalidModelException.class, () -> client.setAlias("support", "champion", 1));
            assertTrue(refused.getMessage().contains("model does not load"), refused.getMessage());
            assertTrue(checking.model("support").aliases().isEmpty());

            assertEquals(unloadable, client.forceAlias("support", "champion", 1));
            assertEquals(Map.of("champion", 1), checking.model("support").aliases());
        }
    }

    @Test
    void invalidNamesAndPathsAreRefusedWith400() throws IOException {
        store.register(
                "support",
                TestModels.bundle(temp.resolve("bundle"), "a"),
                RegistrationRequest.builder().build());
        assertError(get("/v1/models/Support"), 400, "invalid_name");
        assertError(get("/v1/models/..%2F..%2Fetc"), 400, "invalid_name");
        assertError(get("/v1/models/.."), 400, "invalid_name");
        assertError(get("/v1/resolve/support@..%2Fx"), 400, "invalid_name");
        assertError(get("/v1/models/support/versions/0"), 400, "invalid_name");
        assertError(get("/v1/models/support/versions/1/files/..%2F..%2Faliases.json"), 400, "invalid_path");
        assertError(get("/v1/models/support/versions/1/files/heads/..%2F..%2F..%2Faliases.json"), 400, "invalid_path");
        assertError(get("/v1/models/support/versions/1/files/heads/missing.onnx"), 404, "not_found");
        assertError(get("/v1/models/unknown"), 404, "not_found");
        assertError(get("/v1/nothing"), 404, "not_found");
        assertError(send(request("/v1/models").DELETE().build()), 405, "method_not_allowed");
        assertError(
                send(authorized("/v1/models/support/aliases/..%2Fx")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"version\": 1}"))
                        .build()),
                400,
                "invalid_name");
        assertError(
                send(authorized("/v1/models/support/aliases/champion")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"version\": \"one\"}"))
                        .build()),
                400,
                "bad_request");
        assertError(
                send(authorized("/v1/models/support/aliases/champion")
                        .PUT(HttpRequest.BodyPublishers.ofString("not json"))
                        .build()),
                400,
                "bad_request");
        assertError(
                send(authorized("/v1/models/support/aliases/champion")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"version\": 1, \"force\": \"yes\"}"))
                        .build()),
                400,
                "bad_request");
        assertThrows(
                InvalidNameException.class,
                () -> remote.resolve(new ModelReference("support", 1, null).toString() + "x"));
    }

    @Test
    void uploadEntriesThatEscapeOrLinkAreRefused() throws IOException {
        byte[] bundleJson = Files.readAllBytes(
                TestModels.bundle(temp.resolve("bundle"), "a").resolve("bundle.json"));
        assertError(upload(tarOf("../evil.json", bundleJson)), 400, "invalid_upload");
        assertError(upload(tarOf("/etc/cron.d/evil", bundleJson)), 400, "invalid_upload");
        assertError(upload(zipOf(Map.of("a/../../evil.json", bundleJson))), 400, "invalid_upload");
        assertError(upload(tarWithSymlink()), 400, "invalid_upload");
        assertError(upload("not an archive at all".getBytes(StandardCharsets.UTF_8)), 400, "invalid_upload");
        assertError(upload(zipOf(Map.of("readme.txt", bundleJson))), 422, "invalid_model");
        assertFalse(Files.exists(temp.resolve("evil.json")));
        assertTrue(store.list().isEmpty());
    }

    @Test
    void oversizedUploadsAreRefusedWith413() throws IOException {
        byte[] noise = new byte[(int) LIMITS.maxArchiveBytes() + 1024];
        new Random(7).nextBytes(noise);
        assertError(upload(zipOf(Map.of("noise.bin", noise))), 413, "payload_too_large");

        byte[] zeros = new byte[(int) LIMITS.maxUnpackedBytes() + 1];
        byte[] bomb = zipOf(Map.of("zeros.bin", zeros));
        assertTrue(bomb.length < LIMITS.maxArchiveBytes(), "compresses below the archive limit");
        assertError(upload(bomb), 413, "payload_too_large");
        assertTrue(store.list().isEmpty());
    }

    private HttpResponse<byte[]> upload(byte[] archive) {
        return send(post("/v1/models/support/versions", archive)
                .header("Authorization", "Bearer " + TOKEN)
                .build());
    }

    private static void assertError(HttpResponse<byte[]> response, int status, String error) throws IOException {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertEquals(status, response.statusCode(), body);
        JsonNode json = ManifestCodec.MAPPER.readTree(body);
        assertEquals(error, json.path("error").asText(), body);
        assertFalse(json.path("message").asText().isBlank(), body);
        assertEquals(
                "application/json",
                response.headers().firstValue("Content-Type").orElse(""));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server.baseUri() + path));
    }

    private HttpRequest.Builder authorized(String path) {
        return request(path).header("Authorization", "Bearer " + TOKEN);
    }

    private HttpRequest.Builder post(String path, byte[] body) {
        return request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private HttpResponse<byte[]> get(String path) {
        return send(request(path).GET().build());
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError(request + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static byte[] zipOf(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] tarOf(String name, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry entry = new TarArchiveEntry(name, true);
            entry.setSize(content.length);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    private static byte[] tarWithSymlink() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry link = new TarArchiveEntry("bundle.json", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("/etc/passwd");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }
}
