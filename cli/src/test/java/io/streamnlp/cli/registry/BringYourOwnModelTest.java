package io.streamnlp.cli.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamnlp.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's bring-your-own flow with the tiny Hugging Face fixtures, as a new user runs it: each
 * kind of export is imported with {@code registry import-hf}, aliased, and scored by {@code eval}; the
 * classifier is also checked for drift.
 */
@Timeout(300)
class BringYourOwnModelTest {

    /** inference's transformers reference fixtures; Surefire runs in the module directory. */
    private static final Path FIXTURES = Path.of("..", "inference", "src", "test", "resources", "fixtures");

    @TempDir
    Path temp;

    @Test
    void aSequenceClassifierImportsAndEvaluates() throws IOException {
        Path test = Files.writeString(
                temp.resolve("test.tsv"), "I love this\tpositive\nthis is awful\tnegative\nit is fine\tneutral\n");
        JsonNode scores = importAndEvaluate("bert-tiny-sequence-classification", "tinycls", "classification", test);
        assertEquals(3, scores.path("n").asInt(), scores.toString());
        assertTrue(scores.has("accuracy"), scores.toString());

        CliRun drift = CliRun.of(
                "drift",
                "--model",
                "tinycls",
                "--reference",
                test.toString(),
                "--current",
                test.toString(),
                "--window",
                "3",
                "--json",
                "--registry",
                temp.resolve("registry").toString());
        assertEquals(0, drift.exit(), drift.err());
        assertTrue(drift.out().contains("tinycls"), drift.out());
    }

    @Test
    void aTokenClassifierImportsAndEvaluates() throws IOException {
        Path test = Files.writeString(
                temp.resolve("test.conll"),
                "Anna\tB-PER\nlives\tO\nin\tO\nBerlin\tB-LOC\n\n" + "Acme\tB-ORG\nhired\tO\nBob\tB-PER\n\n");
        JsonNode scores = importAndEvaluate("bert-tiny-token-classification", "tinyner", "ner", test);
        assertEquals(2, scores.path("n_sentences").asInt(), scores.toString());
        assertTrue(scores.has("f1"), scores.toString());
    }

    @Test
    void aSeq2SeqSummarizerImportsAndEvaluates() throws IOException {
        Path test = Files.writeString(temp.resolve("test.jsonl"), """
                {"document": "The parcel left the warehouse on Monday and reached the customer on Friday.", "summary": "The parcel arrived on Friday."}
                """);
        JsonNode scores = importAndEvaluate("bart-tiny-summarization", "bart", "summarization", test);
        assertEquals(1, scores.path("n").asInt(), scores.toString());
        assertTrue(scores.toString().contains("rouge1"), scores.toString());
    }

    @Test
    void aTaskThatDoesNotFitTheExportIsRefusedAtImport() throws IOException {
        CliRun refused = CliRun.of(
                "registry",
                "import-hf",
                export("bert-tiny-sequence-classification").toString(),
                "--name",
                "wrong",
                "--task",
                "summarization",
                "--registry",
                temp.resolve("registry").toString());
        assertEquals(1, refused.exit(), refused.out());
        assertTrue(refused.err().contains("task 'summarization' needs a seq2seq export"), refused.err());
    }

    private JsonNode importAndEvaluate(String fixture, String name, String task, Path test) throws IOException {
        String registry = temp.resolve("registry").toString();
        CliRun imported = CliRun.of(
                "registry",
                "import-hf",
                export(fixture).toString(),
                "--name",
                name,
                "--task",
                task,
                "--registry",
                registry);
        assertEquals(0, imported.exit(), imported.err());
        CliRun aliased = CliRun.of("registry", "alias", name, "champion", "1", "--registry", registry);
        assertEquals(0, aliased.exit(), aliased.err());

        CliRun eval = CliRun.of(
                "eval",
                "--model",
                name,
                "--task",
                task,
                "--test",
                test.toString(),
                "--json",
                "--quiet",
                "--registry",
                registry);
        assertEquals(0, eval.exit(), eval.err());
        return new ObjectMapper().readTree(eval.out());
    }

    /** A copy of a fixture as Optimum exports it, without the transformers reference outputs beside it. */
    private Path export(String fixture) throws IOException {
        Path export = temp.resolve("export-" + fixture);
        Files.createDirectories(export);
        try (Stream<Path> files = Files.list(FIXTURES.resolve(fixture))) {
            for (Path file : files.filter(f -> !f.getFileName().toString().equals("reference.json"))
                    .toList()) {
                Files.copy(file, export.resolve(file.getFileName()));
            }
        }
        return export;
    }
}
