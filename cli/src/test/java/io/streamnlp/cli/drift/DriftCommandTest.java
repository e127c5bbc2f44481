package io.streamnlp.cli.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamnlp.bundle.BundleManifest;
import io.streamnlp.bundle.ClassificationSpec;
import io.streamnlp.bundle.EncoderSpec;
import io.streamnlp.bundle.HeadGraphWriter;
import io.streamnlp.bundle.LinearHead;
import io.streamnlp.cli.CliRun;
import io.streamnlp.inference.encoder.EncodedBatch;
import io.streamnlp.inference.encoder.SharedEncoder;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.registry.ModelReference;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.RegistrationRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline drift check on a real model: MiniLM with a two-label head registered as {@code default}, run over
 * seeded template texts. Traffic like the reference does not drift; traffic on a topic the model never saw does.
 */
@Timeout(300)
class DriftCommandTest {

    private static final List<String> LABELS = List.of("billing", "cards");
    private static final String[][] BILLING = {
        {"I was charged twice for my ", "subscription", "order", "last payment"},
        {"why is there a fee on my ", "monthly statement", "last invoice", "account"},
        {"please refund the money you took for ", "the upgrade", "my plan", "the late fee"},
    };
    private static final String[][] CARDS = {
        {"my card was declined at ", "the supermarket", "the petrol station", "an online shop"},
        {"how do I activate my new ", "debit card", "credit card", "virtual card"},
        {"I lost my card, please block ", "it now", "my debit card", "the old one"},
    };
    private static final String[][] SPORT_AND_WEATHER = {
        {"the home team won the match ", "last night", "in extra time", "on penalties"},
        {"it will rain tomorrow in ", "the mountains", "the north", "the capital"},
        {"the striker scored twice ", "in the derby", "before half time", "in the final"},
    };

    @TempDir
    static Path dir;

    private static Path registry;
    private static Path reference;

    @BeforeAll
    static void registerModel() throws IOException {
        Path bundle = dir.resolve("bundle");
        try (SharedEncoder encoder = SharedEncoder.builtin(InferenceOptions.defaults())) {
            EncodedBatch anchors =
                    encoder.encode(List.of("I was charged a fee on my bill", "my bank card does not work"));
            LinearHead head = LinearHead.ofPrototypes(
                    List.of(anchors.get(0).embedding(), anchors.get(1).embedding()), 20f);
            HeadGraphWriter.write(head, bundle.resolve("heads/topic.onnx"));
        }
        new BundleManifest(
                        EncoderSpec.builtinMiniLm(EncoderSpec.DEFAULT_MAX_LENGTH),
                        List.of(ClassificationSpec.head("topic", "heads/topic.onnx", LABELS)),
                        null,
                        null)
                .write(bundle);
        registry = dir.resolve("registry");
        ModelStore store = ModelStore.open(registry);
        store.register("default", bundle, RegistrationRequest.builder().build());
        store.setAlias("default", "champion", 1);
        reference = write("reference.tsv", texts(200, 1L, BILLING, CARDS));
    }

    @Test
    void trafficLikeTheReferenceDoesNotDrift() throws IOException {
        Path current = write("stationary.tsv", texts(200, 2L, BILLING, CARDS));

        JsonNode report = runJson(current);

        assertEquals("default", report.get("model").get("name").asText());
        assertEquals(2, report.get("windows").asInt());
        assertEquals(0, report.get("drifted_windows").asInt(), report.toPrettyString());
        JsonNode calibration = report.get("calibration");
        assertEquals(100, calibration.get("window_size").asInt(), report.toPrettyString());
        assertEquals(0.01, calibration.get("false_alarm_rate").asDouble());
        double js = report.get("thresholds").get("topic").get("js_distance").asDouble();
        assertTrue(js > 0.0 && js != 0.1, "js_distance threshold calibrated on the reference: " + js);
        JsonNode topic = report.get("per_window").get(0).get("tasks").get("topic");
        assertEquals(100, topic.get("count").asInt());
        assertTrue(topic.get("embedding_mmd").isNumber(), topic.toPrettyString());
    }

    @Test
    void aTopicTheModelNeverSawDriftsInEveryWindow() throws IOException {
        Path current = write("shifted.tsv", texts(200, 3L, SPORT_AND_WEATHER));

        JsonNode report = runJson(current);

        assertEquals(2, report.get("drifted_windows").asInt(), report.toPrettyString());
        JsonNode topic = report.get("per_window").get(1).get("tasks").get("topic");
        List<String> drifted = new ArrayList<>();
        topic.get("drifted_metrics").forEach(m -> drifted.add(m.asText()));
        assertTrue(
                drifted.contains("embedding_mmd") && drifted.contains("embedding_cosine_distance"),
                topic.toPrettyString());
    }

    @Test
    void badArgumentsAreUsageErrorsAndAMissingModelIsAFailure() throws IOException {
        Path current = write("few.tsv", texts(10, 4L, BILLING));
        assertEquals(2, run("--current", current.toString(), "--window", "1").exit());
        assertEquals(2, run("--current", dir.resolve("missing.tsv").toString()).exit());
        assertEquals(
                2, run("--current", current.toString(), "--window", "100").exit(), "10 texts are fewer than a window");
        assertEquals(
                2,
                run("--current", current.toString(), "--threshold", "jsd=0.2").exit());
        assertEquals(
                2,
                run("--current", current.toString(), "--window", "5", "--false-alarm-rate", "1.5")
                        .exit());
        CliRun missingModel = run("--model", "nobody", "--current", current.toString(), "--window", "5");
        assertEquals(1, missingModel.exit());
        assertTrue(missingModel.err().contains("nobody"), missingModel.err());
    }

    /** Naming {@code default} on a fresh machine works: the default bundle is registered on first use. */
    @Test
    void theDefaultModelIsRegisteredOnFirstUseOfAnEmptyRegistry() throws IOException {
        Path empty = dir.resolve("empty-registry");
        Path current = write("first-use.tsv", texts(100, 5L, BILLING, CARDS));

        CliRun result =
                runOn(empty, "--model", "default", "--current", current.toString(), "--window", "100", "--json");

        assertEquals(0, result.exit(), result.err());
        assertEquals(
                "default",
                new ObjectMapper()
                        .readTree(result.out())
                        .get("model")
                        .get("name")
                        .asText());
        assertEquals(
                1,
                ModelStore.open(empty)
                        .resolve(ModelReference.parse("default@champion"))
                        .version());
    }

    private static JsonNode runJson(Path current) throws IOException {
        CliRun result = run("--current", current.toString(), "--window", "100", "--json");
        assertEquals(0, result.exit(), result.err());
        return new ObjectMapper().readTree(result.out());
    }

    /** Runs {@code streamnlp drift} with the test registry and the reference file, then {@code args}. */
    private static CliRun run(String... args) {
        return runOn(registry, args);
    }

    private static CliRun runOn(Path registry, String... args) {
        List<String> argv = new ArrayList<>(
                List.of("drift", "--registry", registry.toString(), "--reference", reference.toString()));
        argv.addAll(List.of(args));
        return CliRun.of(argv.toArray(String[]::new));
    }

    private static List<String> texts(int n, long seed, String[][]... topics) {
        Random random = new Random(seed);
        List<String> texts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String[][] topic = topics[random.nextInt(topics.length)];
            String[] template = topic[random.nextInt(topic.length)];
            texts.add(template[0] + template[1 + random.nextInt(template.length - 1)] + "\tlabel");
        }
        return texts;
    }

    private static Path write(String name, List<String> lines) throws IOException {
        return Files.write(dir.resolve(name), lines);
    }
}
