package io.streamnlp.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.registry.VersionFetcher.FetchedVersion;
import io.streamnlp.registry.http.RegistryHttpServer;
import io.streamnlp.registry.http.RegistryServerConfig;
import io.streamnlp.registry.http.RemoteModelRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class VersionFetcherTest {

    @TempDir
    Path temp;

    @Test
    void aLocalStoreServesTheVersionInPlaceOnlyWhileItMatches() throws IOException {
        ModelStore store = ModelStore.open(temp.resolve("registry"));
        ModelVersion v1 = store.register(
                "support",
                TestModels.bundle(temp.resolve("a"), "a"),
                RegistrationRequest.builder().build());
        ModelVersion v2 = store.register(
                "support",
                TestModels.bundle(temp.resolve("b"), "b"),
                RegistrationRequest.builder().build());
        VersionFetcher fetcher = VersionFetcher.local(store);

        FetchedVersion fetched = fetcher.fetch("support", 1, v1.digest());
        assertEquals(store.directory(v1), fetched.directory());
        assertThrows(InvalidModelException.class, () -> fetcher.fetch("support", 1, v2.digest()), "wrong digest");

        Files.writeString(store.directory(v1).resolve("heads/ner.onnx"), "corrupted on disk");
        InvalidModelException corrupt =
                assertThrows(InvalidModelException.class, () -> fetcher.fetch("support", 1, v1.digest()));
        assertTrue(corrupt.getMessage().contains("heads/ner.onnx"), corrupt.getMessage());
        assertThrows(ModelNotFoundException.class, () -> fetcher.fetch("support", 3, v1.digest()));
    }

    @Test
    void aRemoteRegistryIsDownloadedOnceIntoTheCache() throws IOException {
        ModelStore store = ModelStore.open(temp.resolve("registry"));
        ModelVersion v1 = store.register(
                "support",
                TestModels.bundle(temp.resolve("a"), "a"),
                RegistrationRequest.builder().build());
        try (RegistryHttpServer server = RegistryHttpServer.start(
                store, RegistryServerConfig.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "token"))) {
            RemoteModelRegistry remote =
                    new RemoteModelRegistry(server.baseUri(), Optional.empty(), ModelLoadCheck.STRUCTURE_ONLY);
            VersionFetcher fetcher = VersionFetcher.caching(remote, temp.resolve("cache"));

            Path first = fetcher.fetch("support", 1, v1.digest()).directory();
            assertTrue(first.startsWith(temp.resolve("cache/support")), first.toString());
            assertEquals(
                    Files.readString(store.directory(v1).resolve("bundle.json")),
                    Files.readString(first.resolve("bundle.json")));
            long modified =
                    Files.getLastModifiedTime(first.resolve("bundle.json")).toMillis();
            assertEquals(first, fetcher.fetch("support", 1, v1.digest()).directory());
            assertEquals(
                    modified,
                    Files.getLastModifiedTime(first.resolve("bundle.json")).toMillis(),
                    "reused, not downloaded again");

            Files.writeString(first.resolve("heads/ner.onnx"), "corrupted in the cache");
            Path refetched = fetcher.fetch("support", 1, v1.digest()).directory();
            assertEquals(first, refetched);
            assertTrue(store.verifyCopy(v1, refetched).sound(), "a damaged cache entry is replaced");
        }
    }
}
