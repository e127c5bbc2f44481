package io.streamnlp.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.config.CommonOptions;
import io.streamnlp.config.ConfigException;
import io.streamnlp.config.Settings;
import io.streamnlp.registry.http.RemoteModelRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryLocationTest {

    @TempDir
    Path temp;

    @Test
    void aUrlWinsOverTheDirectoryAndCarriesTheToken() {
        ModelRegistryLocation location = ModelRegistryLocation.of(settings(Map.of(
                "model.registry.dir", temp.toString(),
                "model.registry.url", "http://registry:8085",
                "model.registry.token", "t0ken")));

        assertNull(location.dir());
        assertEquals(URI.create("http://registry:8085"), location.url());
        assertEquals("t0ken", location.token());
        RemoteModelRegistry remote =
                assertInstanceOf(RemoteModelRegistry.class, location.open(ModelLoadCheck.STRUCTURE_ONLY));
        assertEquals(URI.create("http://registry:8085/"), remote.baseUri());
    }

    @Test
    void withoutAUrlTheDirectoryOpensAsAStore() {
        Path dir = temp.resolve("registry");
        ModelRegistryLocation location =
                ModelRegistryLocation.of(settings(Map.of("model.registry.dir", dir.toString())));

        assertEquals(dir, location.dir());
        ModelStore store = assertInstanceOf(ModelStore.class, location.open(ModelLoadCheck.STRUCTURE_ONLY));
        assertEquals(dir.toAbsolutePath().normalize(), store.root());
        assertTrue(Files.isDirectory(dir));
    }

    @Test
    void withNeitherTheDefaultDirectoryIsUsed() {
        assertEquals(
                CommonOptions.defaultModelRegistryDir(),
                ModelRegistryLocation.of(settings(Map.of())).dir());
    }

    @Test
    void onlyAnHttpUrlWithAHostIsARegistry() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> ModelRegistryLocation.of(settings(Map.of("model.registry.url", "ftp://example.org"))));
        assertEquals("a model registry URL must be http(s) with a host, got 'ftp://example.org'", e.getMessage());
        assertThrows(ConfigException.class, () -> ModelRegistryLocation.remote(URI.create("http:/no-host"), null));
    }

    @Test
    void exactlyOneOfDirectoryAndUrl() {
        assertThrows(ConfigException.class, () -> new ModelRegistryLocation(null, null, null));
        assertThrows(
                ConfigException.class, () -> new ModelRegistryLocation(temp, URI.create("http://registry:8085"), null));
        assertThrows(ConfigException.class, () -> new ModelRegistryLocation(temp, null, "t0ken"));
    }

    @Test
    void travelsToTaskManagersAsJavaSerialization() throws Exception {
        for (ModelRegistryLocation location : new ModelRegistryLocation[] {
            ModelRegistryLocation.local(temp.resolve("registry")),
            ModelRegistryLocation.remote(URI.create("https://registry:8085"), "t0ken")
        }) {
            assertEquals(location, roundTrip(location));
        }
    }

    private static Settings settings(Map<String, String> values) {
        return new Settings(CommonOptions.ALL, values);
    }

    private static Object roundTrip(Object value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }
}
