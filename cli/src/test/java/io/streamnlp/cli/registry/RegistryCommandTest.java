package io.streamnlp.cli.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.bundle.HeadGraphWriter;
import io.streamnlp.bundle.LinearHead;
import io.streamnlp.cli.CliRun;
import io.streamnlp.cli.StreamNlp;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.http.RegistryHttpServer;
import io.streamnlp.registry.http.RegistryServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(180)
class RegistryCommandTest {

    @TempDir
    Path temp;

    private Path registry;
    private Path bundle;

    @BeforeEach
    void writeBundle() throws IOException {
        registry = temp.resolve("registry");
        bundle = temp.resolve("bundle");
        Files.createDirectories(bundle.resolve("heads"));
        Files.writeString(bundle.resolve("bundle.json"), """
                {"format": "streamnlp-bundle/1", "encoder": {"builtin": "all-minilm-l6-v2"},
                 "classification": [{"task": "category", "path": "heads/category.onnx", "labels": ["billing", "shipping"]}]}
                """);
        // a real ONNX head over the builtin MiniLM's 384-dimensional embedding, so that verify can load it
        HeadGraphWriter.write(new LinearHead(new float[384][2], new float[2]), bundle.resolve("heads/category.onnx"));
    }

    private CliRun local(String... args) {
        List<String> all = new ArrayList<>(List.of("registry"));
        all.addAll(Arrays.asList(args));
        all.addAll(List.of("--registry", registry.toString()));
        return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    void localLifecycleExitsZero() throws IOException {
        CliRun registered = local("register", bundle.toString(), "--name", "support", "--metric", "macro_f1=0.8");
        assertEquals(0, registered.exit(), registered.err());
        assertTrue(registered.out().matches("registered support:1 sha256:[0-9a-f]{64}\\R"), registered.out());

        assertEquals(0, local("alias", "support", "champion", "1").exit());
        CliRun list = local("list");
        assertEquals(0, list.exit());
        assertTrue(list.out().contains("support") && list.out().contains("champion=1"), list.out());
        CliRun show = local("show", "support@champion");
        assertEquals(0, show.exit());
        assertTrue(show.out().contains("\"macro_f1\" : 0.8"), show.out());

        Path copy = temp.resolve("copy");
        assertEquals(0, local("download", "support", copy.toString()).exit());
        assertTrue(Files.isRegularFile(copy.resolve("manifest.json")));
        assertEquals(0, local("verify", "support:1").exit());
        assertEquals(1, local("archive", "support", "1").exit(), "an alias still points at it");
        assertEquals(0, local("alias", "support", "champion", "--remove").exit());
        CliRun archived = local("archive", "support", "1");
        assertEquals(0, archived.exit(), archived.err());
        assertTrue(local("list").out().contains("(+1 archived)"));
    }

    @Test
    void verifyExitsOneWithTheReason() throws IOException {
        assertEquals(
                0, local("register", bundle.toString(), "--name", "support").exit());
        Files.writeString(registry.resolve("support/versions/1/heads/category.onnx"), "tampered");
        CliRun verify = local("verify", "support");
        assertEquals(1, verify.exit());
        assertTrue(verify.err().startsWith("not sound: support:1 sha256:"), verify.err());
        assertTrue(verify.err().contains("heads/category.onnx"), verify.err());
    }

    @Test
    void aliasRefusesAVersionThatDoesNotLoadUnlessForced() throws IOException {
        assertEquals(
                0, local("register", bundle.toString(), "--name", "support").exit());
        Files.writeString(bundle.resolve("heads/category.onnx"), "not an ONNX graph");
        assertEquals(
                0, local("register", bundle.toString(), "--name", "support").exit());
        assertEquals(0, local("alias", "support", "champion", "1").exit());

        CliRun refused = local("alias", "support", "champion", "2");
        assertEquals(1, refused.exit());
        assertTrue(
                refused.err()
                        .contains(
                                "registry alias: support:2 cannot be served, so support@champion stays where it is: model does not load"),
                refused.err());
        assertTrue(local("list").out().contains("champion=1"));

        CliRun forced = local("alias", "support", "champion", "2", "--force");
        assertEquals(0, forced.exit(), forced.err());
        assertTrue(local("list").out().contains("champion=2"));
    }

    @Test
    void aBoundOnTheRecordedInt8DeltaRefusesVersionsBeyondIt() {
        String delta = "int8_delta.sentiment.macro_f1=-0.0195";
        assertEquals(
                0,
                local("register", bundle.toString(), "--name", "support", "--metric", delta)
                        .exit());

        CliRun refused =
                local("register", bundle.toString(), "--name", "support", "--metric", delta, "--max-int8-delta", "1");
        assertEquals(1, refused.exit());
        assertEquals(
                "streamnlp registry register: support:2 records an int8 quality change beyond the bound of 1.00 points"
                        + " (sentiment.macro_f1 -1.95 points); this registry refuses it",
                refused.err().strip());
        CliRun notServed = local("alias", "support", "champion", "1", "--max-int8-delta", "1");
        assertEquals(1, notServed.exit());
        assertTrue(notServed.err().contains("support:1 cannot be served"), notServed.err());
        assertEquals(
                0,
                local("alias", "support", "champion", "1", "--max-int8-delta", "2")
                        .exit());
        assertUsageError(local("list", "--max-int8-delta", "-1"));
    }

    @Test
    void badArgumentsPrintOneLineAndExitTwo() {
        assertUsageError(local("register", bundle.toString(), "--name", "../escape"));
        assertUsageError(local("show", "support:x"));
        assertUsageError(local("alias", "support", "champion"));
        assertUsageError(local("alias", "support", "champion", "1", "--remove"));
        assertUsageError(local("list", "--bogus"));
        assertUsageError(
                CliRun.of("registry", "list", "--registry", registry.toString(), "--url", "http://localhost:1"));
        assertUsageError(CliRun.of("registry", "list", "--url", "ftp://example.org"));
        assertUsageError(local("serve", "--port", "0"));
        assertUsageError(local("alias", "support", "champion", "1", "--kafka-bootstrap", "localhost:9092"));
        assertUsageError(CliRun.of(
                "registry",
                "alias",
                "support",
                "champion",
                "1",
                "--url",
                "http://localhost:1",
                "--kafka-bootstrap",
                "localhost:9092",
                "--schema-registry",
                "http://localhost:2"));
        assertUsageError(local(
                "alias",
                "support",
                "champion",
                "1",
                "--kafka-config",
                registry.resolve("absent.properties").toString()));
    }

    @Test
    void registryRefusalsExitOneWithOneLine() throws IOException {
        CliRun missing = local("show", "nothing");
        assertEquals(1, missing.exit());
        assertEquals(1, missing.err().lines().count(), missing.err());

        Path export = temp.resolve("export");
        Files.createDirectories(export);
        Files.writeString(export.resolve("config.json"), "{\"id2label\": {\"0\": \"neg\", \"1\": \"pos\"}}");
        Files.writeString(export.resolve("model.onnx"), "graph bytes");
        CliRun incomplete = local("import-hf", export.toString(), "--name", "sentiment", "--task", "sentiment");
        assertEquals(1, incomplete.exit());
        assertTrue(incomplete.err().contains("tokenizer.json"), incomplete.err());

        Files.writeString(export.resolve("tokenizer.json"), "{}");
        CliRun imported = local("import-hf", export.toString(), "--name", "sentiment", "--task", "sentiment");
        assertEquals(0, imported.exit(), imported.err());
        assertTrue(local("show", "sentiment").out().contains("\"format\" : \"hf-onnx\""));
    }

    @Test
    void remoteRegistryNeedsTheTokenForWrites() {
        ModelStore store = ModelStore.open(registry);
        try (RegistryHttpServer server = RegistryHttpServer.start(
                store, RegistryServerConfig.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "t0ken"))) {
            String url = server.baseUri().toString();
            CliRun anonymous = CliRun.of(
                    "registry", "register", bundle.toString(), "--name", "support", "--url", url, "--token", "");
            assertEquals(1, anonymous.exit());
            assertTrue(anonymous.err().contains("Bearer"), anonymous.err());

            CliRun registered = CliRun.of(
                    "registry", "register", bundle.toString(), "--name", "support", "--url", url, "--token", "t0ken");
            assertEquals(0, registered.exit(), registered.err());
            assertEquals(
                    0,
                    CliRun.of("registry", "alias", "support", "champion", "1", "--url", url, "--token", "t0ken")
                            .exit());
            CliRun list = CliRun.of("registry", "list", "--url", url);
            assertTrue(list.out().contains("champion=1"), list.out());
            assertEquals(
                    0,
                    CliRun.of("registry", "verify", "support@champion", "--url", url)
                            .exit());
            assertEquals(Map.of("champion", 1), store.model("support").aliases());
        }
    }

    @Test
    void initDefaultLeavesAChampionThatIsSet() {
        assertEquals(
                0, local("register", bundle.toString(), "--name", "default").exit());
        assertEquals(0, local("alias", "default", "champion", "1").exit());
        CliRun init = local("init-default", "--quiet");
        assertEquals(0, init.exit(), init.err());
        assertTrue(init.out().startsWith("default@champion -> 1 sha256:"), init.out());
        assertUsageError(CliRun.of("registry", "init-default", "--url", "http://localhost:1"));
    }

    private static void assertUsageError(CliRun run) {
        assertEquals(StreamNlp.EXIT_USAGE, run.exit(), run.out() + run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }
}
