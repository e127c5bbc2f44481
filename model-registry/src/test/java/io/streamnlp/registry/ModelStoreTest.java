package io.streamnlp.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamnlp.bundle.Digests;
import io.streamnlp.schemas.avro.ModelEventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class ModelStoreTest {

    @TempDir
    Path temp;

    private ModelStore store;
    private final List<RegistryEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void openStore() {
        store = ModelStore.open(temp.resolve("registry")).addListener(events::add);
    }

    private Path bundle(String variant) throws IOException {
        return TestModels.bundle(temp.resolve("bundle-" + variant), variant);
    }

    @Test
    void registrationWritesAManifestWhoseDigestIsTheHashOfItsBytes() throws IOException {
        ObjectNode profile = JsonNodeFactory.instance.objectNode().put("mean_confidence", 0.91);
        ModelVersion v1 = store.register(
                "support",
                bundle("a"),
                RegistrationRequest.builder()
                        .metric("macro_f1", 0.87)
                        .referenceProfile(profile)
                        .trainingDataFingerprint("sha256:abc")
                        .build());

        assertEquals(1, v1.version());
        ModelManifest manifest = v1.manifest();
        assertEquals(ModelFormat.SHARED_ENCODER_BUNDLE, manifest.format());
        assertEquals(List.of("category", "ner", "summarization"), manifest.tasks());
        assertEquals(List.of("billing", "shipping", "other"), manifest.labelsOf("category"));
        assertEquals(List.of("O", "B-PERSON", "I-PERSON"), manifest.labelsOf("ner"));
        assertEquals("builtin:all-minilm-l6-v2", manifest.encoder());
        assertEquals(Map.of("macro_f1", 0.87), manifest.metrics());
        assertEquals(ModelManifest.REFERENCE_PROFILE_FILE, manifest.referenceProfile());
        assertEquals(
                Set.of("bundle.json", "heads/category.onnx", "heads/ner.onnx", "reference-profile.json"),
                manifest.files().keySet());

        Path dir = store.directory(v1);
        assertEquals(temp.resolve("registry/support/versions/1").toAbsolutePath(), dir);
        assertEquals(Digests.versionDigest(Files.readAllBytes(dir.resolve("manifest.json"))), v1.digest());
        assertTrue(v1.digest().matches("sha256:[0-9a-f]{64}"));
        assertEquals(
                profile,
                ManifestCodec.MAPPER.readTree(
                        dir.resolve("reference-profile.json").toFile()));
        assertEquals(
                Digests.ofFile(dir.resolve("heads/ner.onnx")), manifest.files().get("heads/ner.onnx"));
        assertEquals(v1, store.resolve("support:1"));
        assertEquals(List.of(), listStaging());
    }

    @Test
    void versionsCountUpAndLineageIsRecorded() throws IOException {
        store.register("support", bundle("a"), RegistrationRequest.builder().build());
        ModelVersion v2 = store.register(
                "support",
                bundle("b"),
                RegistrationRequest.builder().task("category").parentVersion(1).build());

        assertEquals(2, v2.version());
        assertEquals(List.of("category"), v2.manifest().tasks());
        assertEquals(
                Map.of("category", List.of("billing", "shipping", "other")),
                v2.manifest().labels());
        assertEquals(1, v2.manifest().parentVersion());
        assertEquals(List.of(1, 2), store.model("support").versions());
        assertThrows(
                ModelNotFoundException.class,
                () -> store.register(
                        "support",
                        bundle("c"),
                        RegistrationRequest.builder().parentVersion(9).build()));
        assertThrows(
                ModelNotFoundException.class,
                () -> store.register(
                        "fresh",
                        bundle("d"),
                        RegistrationRequest.builder().parentVersion(1).build()));
        assertEquals(
                List.of("support"),
                store.list().stream().map(ModelSummary::name).toList());
        assertTrue(store.contains("support"));
        assertFalse(store.contains("fresh"), "a failed registration leaves no model behind");
    }

    @Test
    void plainNameMeansChampionElseLatest() throws IOException {
        store.register("support", bundle("a"), RegistrationRequest.builder().build());
        store.register("support", bundle("b"), RegistrationRequest.builder().build());
        assertEquals(2, store.resolve("support").version());

        store.setAlias("support", "champion", 1);
        store.setAlias("support", "challenger", 2);
        assertEquals(1, store.resolve("support").version());
        assertEquals(1, store.resolve("support@champion").version());
        assertEquals(2, store.resolve("support@challenger").version());
        assertEquals(
                Map.of("champion", 1, "challenger", 2), store.model("support").aliases());

        store.removeAlias("support", "champion");
        assertEquals(2, store.resolve("support").version());
        assertThrows(ModelNotFoundException.class, () -> store.resolve("support@champion"));
        assertThrows(ModelNotFoundException.class, () -> store.removeAlias("support", "champion"));
        assertThrows(ModelNotFoundException.class, () -> store.setAlias("support", "champion", 3));
        assertThrows(ModelNotFoundException.class, () -> store.resolve("other"));
    }

    @Test
    void everyChangeIsReportedToListeners() throws IOException {
        ModelVersion v1 = store.register(
                "support", bundle("a"), RegistrationRequest.builder().build());
        ModelVersion v2 = store.register(
                "support", bundle("b"), RegistrationRequest.builder().build());
        store.setAlias("support", "champion", 1);
        store.setAlias("support", "champion", 1);
        store.setAlias("support", "champion", 2);
        store.removeAlias("support", "champion");
        store.archive("support", 1);

        List<ModelEventType> types = events.stream().map(RegistryEvent::type).toList();
        assertEquals(
                List.of(
                        ModelEventType.VERSION_REGISTERED,
                        ModelEventType.VERSION_REGISTERED,
                        ModelEventType.ALIAS_SET,
                        ModelEventType.ALIAS_SET,
                        ModelEventType.ALIAS_REMOVED,
                        ModelEventType.VERSION_ARCHIVED),
                types);
        RegistryEvent moved = events.get(3);
        assertEquals(2, moved.version());
        assertEquals(1, moved.previousVersion());
        assertEquals(v2.digest(), moved.digest());
        RegistryEvent removed = events.get(4);
        assertEquals(null, removed.version());
        assertEquals(2, removed.previousVersion());
        assertEquals(v1.digest(), events.get(5).digest());
    }

    @Test
    void archivedVersionsLeaveServiceButStayReadable() throws IOException {
        store.register("support", bundle("a"), RegistrationRequest.builder().build());
        store.register("support", bundle("b"), RegistrationRequest.builder().build());
        store.setAlias("support", "champion", 2);

        RegistryConflictException refused =
                assertThrows(RegistryConflictException.class, () -> store.archive("support", 2));
        assertTrue(refused.getMessage().contains("champion"), refused.getMessage());

        store.setAlias("support", "champion", 1);
        ModelVersion archived = store.archive("support", 2);
        assertTrue(archived.archived());
        assertTrue(Files.isDirectory(temp.resolve("registry/support/archived/2")));
        assertFalse(Files.exists(temp.resolve("registry/support/versions/2")));
        assertEquals(List.of(1), store.model("support").versions());
        assertEquals(List.of(2), store.model("support").archivedVersions());
        assertTrue(store.resolve("support:2").archived());
        assertTrue(store.verify(ModelReference.parse("support:2")).sound());
        assertThrows(RegistryConflictException.class, () -> store.setAlias("support", "challenger", 2));

        store.removeAlias("support", "champion");
        assertEquals(1, store.resolve("support").version());
        assertEquals(
                3,
                store.register(
                                "support",
                                bundle("c"),
                                RegistrationRequest.builder().build())
                        .version(),
                "archived numbers are never reused");
    }

    @Test
    void concurrentRegistrationsGetDistinctVersions() throws Exception {
        int writers = 6;
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            dirs.add(bundle("w" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ModelVersion>> futures = new ArrayList<>();
            for (Path dir : dirs) {
                futures.add(pool.submit(() -> {
                    start.await();
                    // a separate store instance per writer, as separate processes would have
                    return ModelStore.open(temp.resolve("registry"))
                            .register(
                                    "support",
                                    dir,
                                    RegistrationRequest.builder().build());
                }));
            }
            start.countDown();
            Set<Integer> versions = new TreeSet<>();
            Set<String> digests = new TreeSet<>();
            for (Future<ModelVersion> future : futures) {
                ModelVersion version = future.get(20, TimeUnit.SECONDS);
                versions.add(version.version());
                digests.add(version.digest());
            }
            assertEquals(Set.of(1, 2, 3, 4, 5, 6), versions);
            assertEquals(writers, digests.size());
            for (ModelVersion version : store.versions("support")) {
                assertTrue(store.verify(version.reference()).sound());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void readersNeverSeeAHalfWrittenAliasFile() throws Exception {
        store.register("support", bundle("a"), RegistrationRequest.builder().build());
        store.register("support", bundle("b"), RegistrationRequest.builder().build());
        store.setAlias("support", "champion", 1);
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch flipping = new CountDownLatch(1);
            Future<Integer> reads = reader.submit(() -> {
                int count = 0;
                flipping.await();
                ModelStore readerStore = ModelStore.open(temp.resolve("registry"));
                for (int i = 0; i < 100; i++) {
                    int version = readerStore.resolve("support@champion").version();
                    if (version != 1 && version != 2) {
                        throw new AssertionError("champion points at " + version);
                    }
                    count++;
                }
                return count;
            });
            flipping.countDown();
            for (int i = 0; i < 100; i++) {
                store.setAlias("support", "champion", 1 + (i % 2));
            }
            assertEquals(100, reads.get(20, TimeUnit.SECONDS));
        } finally {
            reader.shutdownNow();
        }
        try (Stream<Path> files = Files.list(temp.resolve("registry/support"))) {
            assertEquals(
                    Set.of(".lock", "aliases.json", "versions"),
                    new TreeSet<>(files.map(p -> p.getFileName().toString()).toList()));
        }
    }

    @Test
    void verificationCatchesModifiedMissingAndExtraFiles() throws IOException {
        ModelVersion v1 = store.register(
                "support", bundle("a"), RegistrationRequest.builder().build());
        Path dir = store.directory(v1);
        assertTrue(store.verify(v1.reference()).sound());

        Files.writeString(dir.resolve("heads/category.onnx"), "tampered");
        Files.writeString(dir.resolve("heads/extra.onnx"), "smuggled");
        VerificationReport report = store.verify(v1.reference());
        assertFalse(report.sound());
        assertEquals(2, report.problems().size(), report.problems().toString());
        assertTrue(
                report.problems().get(0).startsWith("file heads/category.onnx has sha256"),
                report.problems().toString());
        assertEquals("unexpected file heads/extra.onnx", report.problems().get(1));

        Files.delete(dir.resolve("heads/ner.onnx"));
        assertTrue(store.verify(v1.reference()).problems().contains("missing file heads/ner.onnx"));
    }

    @Test
    void aCopyIsCheckedAgainstTheDigestItIsKnownBy() throws IOException {
        ModelVersion v1 = store.register(
                "support", bundle("a"), RegistrationRequest.builder().build());
        Path copy = temp.resolve("copy");
        assertEquals(v1, store.download(v1.reference(), copy));
        assertTrue(store.verifyCopy(v1, copy).sound());

        String manifest = Files.readString(copy.resolve("manifest.json"));
        Files.writeString(copy.resolve("manifest.json"), manifest.replace("\"tasks\"", "\"tasks\" "));
        List<String> problems = store.verifyCopy(v1, copy).problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("manifest.json digest is sha256:"), problems.get(0));
        assertThrows(InvalidModelException.class, () -> store.download(v1.reference(), copy), "target not empty");
    }

    @Test
    void huggingFaceExportsTakeLabelsFromConfig() throws IOException {
        Path export = TestModels.huggingFaceClassifier(temp.resolve("hf"));
        ModelVersion version = store.register(
                "sentiment",
                export,
                RegistrationRequest.builder()
                        .format(ModelFormat.HF_ONNX)
                        .task("sentiment")
                        .build());
        assertEquals(ModelFormat.HF_ONNX, version.manifest().format());
        assertEquals(
                List.of("negative", "neutral", "positive"), version.manifest().labelsOf("sentiment"));
        assertTrue(store.verify(version.reference()).sound());

        assertThrows(
                InvalidModelException.class,
                () -> store.register(
                        "sentiment", export, RegistrationRequest.builder().build()),
                "an export needs a task");
        Files.delete(export.resolve("tokenizer.json"));
        InvalidModelException missing = assertThrows(
                InvalidModelException.class,
                () -> store.register(
                        "sentiment",
                        export,
                        RegistrationRequest.builder().task("sentiment").build()));
        assertTrue(missing.getMessage().contains("tokenizer.json"), missing.getMessage());
    }

    @Test
    void namesAndPathsCannotEscapeTheRoot() throws IOException {
        Path bundle = bundle("a");
        for (String name : List.of("..", ".", "../evil", "a/b", "a\\b", "", "Upper", ".hidden", "x".repeat(65))) {
            assertThrows(
                    InvalidNameException.class,
                    () -> store.register(
                            name, bundle, RegistrationRequest.builder().build()),
                    name);
        }
        for (String ref : List.of("../x", "x:0", "x:-1", "x:1@a", "x@../y", "x@", "x:")) {
            assertThrows(InvalidNameException.class, () -> ModelReference.parse(ref), ref);
        }
        store.register("support", bundle, RegistrationRequest.builder().build());
        assertThrows(InvalidNameException.class, () -> store.setAlias("support", "../../x", 1));

        Path escaping = TestModels.bundle(temp.resolve("escaping"), "e");
        Files.writeString(
                escaping.resolve("bundle.json"),
                Files.readString(escaping.resolve("bundle.json"))
                        .replace("heads/ner.onnx", "../bundle-a/heads/ner.onnx"));
        assertThrows(
                InvalidModelException.class,
                () -> store.register(
                        "support", escaping, RegistrationRequest.builder().build()));

        Path linked = TestModels.bundle(temp.resolve("linked"), "l");
        Files.createSymbolicLink(linked.resolve("heads/secret.onnx"), temp.resolve("bundle-a/heads/ner.onnx"));
        assertThrows(
                InvalidModelException.class,
                () -> store.register(
                        "support", linked, RegistrationRequest.builder().build()));

        assertThrows(InvalidModelException.class, () -> ArtifactPaths.resolveInside(temp, "../x"));
        assertThrows(InvalidModelException.class, () -> ArtifactPaths.resolveInside(temp, "/etc/passwd"));
        assertThrows(InvalidModelException.class, () -> ArtifactPaths.resolveInside(temp, "a//b"));
        assertEquals(List.of(1), store.model("support").versions());
        assertEquals(List.of(), listStaging());
    }

    @Test
    void aVersionWhoseRecordedInt8DeltaExceedsTheBoundIsRefused() throws IOException {
        RegistrationRequest withinBound = RegistrationRequest.builder()
                .metric("sentiment.macro_f1", 0.76)
                .metric(Int8DeltaBound.METRIC_PREFIX + "sentiment.macro_f1", -0.008)
                .build();
        ModelVersion v1 = store.register("support", bundle("a"), withinBound);
        RegistrationRequest beyondBound = RegistrationRequest.builder()
                .metric(Int8DeltaBound.METRIC_PREFIX + "category.accuracy", 0.004)
                .metric(Int8DeltaBound.METRIC_PREFIX + "sentiment.macro_f1", -0.0195)
                .metric(Int8DeltaBound.METRIC_PREFIX + "ner.f1", 0.018)
                .build();
        ModelVersion v2 = store.register("support", bundle("b"), beyondBound);

        ModelStore bounded = ModelStore.open(
                temp.resolve("registry"),
                Clock.systemUTC(),
                ModelLoadCheck.STRUCTURE_ONLY.andThen(new Int8DeltaBound(1.0)));
        InvalidModelException refused =
                assertThrows(InvalidModelException.class, () -> bounded.register("support", bundle("c"), beyondBound));
        assertEquals(
                "support:3 records an int8 quality change beyond the bound of 1.00 points"
                        + " (ner.f1 +1.80, sentiment.macro_f1 -1.95 points); this registry refuses it",
                refused.getMessage());
        assertEquals(List.of(1, 2), bounded.model("support").versions());
        assertEquals(List.of(), listStaging());

        InvalidModelException notServed =
                assertThrows(InvalidModelException.class, () -> bounded.setAlias("support", "champion", v2.version()));
        assertTrue(
                notServed
                        .getMessage()
                        .startsWith("support:2 cannot be served, so support@champion stays where it is:"
                                + " support:2 records an int8 quality change beyond the bound"),
                notServed.getMessage());
        assertFalse(bounded.verify(v2.reference()).sound());
        assertEquals(
                v1.version(),
                bounded.setAlias("support", "champion", v1.version()).version());
        ModelStore looser = ModelStore.open(temp.resolve("registry"), Clock.systemUTC(), new Int8DeltaBound(2.0));
        assertEquals(
                v2.version(),
                looser.setAlias("support", "champion", v2.version()).version());
    }

    private List<Path> listStaging() throws IOException {
        try (Stream<Path> entries = Files.list(temp.resolve("registry/.staging"))) {
            return entries.toList();
        }
    }
}
