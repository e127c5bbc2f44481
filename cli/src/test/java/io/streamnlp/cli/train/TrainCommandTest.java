package io.streamnlp.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.cli.CliRun;
import io.streamnlp.registry.ModelReference;
import io.streamnlp.registry.ModelStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to train and eval: one line naming the file and line, exit code 2, nothing registered. */
@Timeout(180)
class TrainCommandTest {
    @TempDir
    Path temp;

    @Test
    void malformedTrainingFileIsOneLineAndExitTwo() throws Exception {
        Path registry = temp.resolve("registry");
        Path bad = Files.writeString(temp.resolve("bad.tsv"), "good text\tlabel\nno tab here\n");

        CliRun r = trainClassification(bad, "--registry", registry.toString());

        assertEquals(2, r.exit());
        assertEquals("streamnlp train: " + bad + ":2: no tab between text and label\n", r.err());
        assertEquals("", r.out());
        assertFalse(Files.exists(registry.resolve("m")), "nothing registered");
    }

    @Test
    void anUnknownEncoderOrPoolingIsOneLineAndExitTwo() throws Exception {
        Path registry = temp.resolve("registry");
        Path data = Files.writeString(temp.resolve("data.tsv"), "refund me\trefund\nit crashes\tbug\n");
        for (List<String> choice : List.of(
                List.of("--encoder", "nope"),
                List.of("--pooling", "max"),
                List.of("--encoder", "e5-small-v2", "--encoder-dir", temp.toString()),
                List.of("--encoder", "e5-small-v2", "--fine-tune"))) {
            List<String> more = new ArrayList<>(List.of("--registry", registry.toString()));
            more.addAll(choice);
            CliRun r = trainClassification(data, more.toArray(String[]::new));

            assertEquals(2, r.exit(), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertEquals("", r.out());
            assertFalse(Files.exists(registry.resolve("m")), "nothing registered");
        }
        CliRun nope = trainClassification(data, "--registry", registry.toString(), "--encoder", "nope");
        assertEquals(
                "streamnlp train: --encoder: unknown encoder 'nope' (known: all-minilm-l6-v2, bge-small-en-v15,"
                        + " e5-small-v2) (see 'streamnlp train --help')\n",
                nope.err());
    }

    @Test
    void brokenIobAndMissingFilesToo() throws Exception {
        Path conll = Files.writeString(temp.resolve("bad.conll"), "Anna\tO\nSmith\tI-PERSON\n");
        CliRun broken = CliRun.of(
                "train",
                "--task",
                "ner",
                "--train",
                conll.toString(),
                "--name",
                "m",
                "--registry",
                temp.resolve("registry").toString());
        assertEquals(2, broken.exit());
        assertTrue(broken.err().contains(conll + ":2: broken IOB2"), broken.err());

        Path missing = temp.resolve("missing.jsonl");
        CliRun eval = CliRun.of(
                "eval",
                "--task",
                "summarization",
                "--test",
                missing.toString(),
                "--json",
                "--registry",
                temp.resolve("registry").toString());
        assertEquals(2, eval.exit());
        assertEquals("streamnlp eval: " + missing + ": no such file\n", eval.err());
    }

    @Test
    void fineTuningRefusesMalformedDataAndBadSettingsInOneLine() throws Exception {
        Path registry = temp.resolve("registry");
        Path bad = Files.writeString(temp.resolve("bad.tsv"), "good text\tlabel\nno tab here\n");
        CliRun malformed = trainClassification(bad, "--fine-tune", "--registry", registry.toString());
        assertEquals(2, malformed.exit());
        assertEquals("streamnlp train: " + bad + ":2: no tab between text and label\n", malformed.err());
        assertFalse(Files.exists(registry.resolve("m")), "nothing registered");

        Path train = Files.writeString(temp.resolve("train.tsv"), "a\tx\nb\ty\n");
        CliRun batch = fineTuneClassification(train, "--batch", "0");
        assertEquals(2, batch.exit());
        assertTrue(batch.err().contains("--batch must be in [1, 1024], got 0"), batch.err());
        assertEquals(1, batch.err().lines().count(), batch.err());
        CliRun seconds = fineTuneClassification(train, "--max-seconds", "-1");
        assertEquals(2, seconds.exit());
        assertTrue(seconds.err().contains("--max-seconds must be >= 0, got -1"), seconds.err());

        CliRun nerHead = CliRun.of(
                "train", "--fine-tune", "--task", "ner", "--train", train.toString(), "--name", "m", "--head", "x");
        assertEquals(2, nerHead.exit());
        assertEquals(1, nerHead.err().lines().count(), nerHead.err());
    }

    @Test
    void fineTunesNerAndRegistersTheVersion() throws Exception {
        Path registry = temp.resolve("registry");
        Path conll = Files.writeString(
                temp.resolve("train.conll"),
                String.join(
                                "\n",
                                "Maria\tB-person",
                                "called\tO",
                                "from\tO",
                                "Berlin\tB-location",
                                "",
                                "Ship\tO",
                                "it\tO",
                                "to\tO",
                                "Oslo\tB-location",
                                "",
                                "Ask\tO",
                                "Jonas\tB-person",
                                "about\tO",
                                "Lisbon\tB-location",
                                "")
                        + "\n");

        CliRun r = CliRun.of(
                "train",
                "--fine-tune",
                "--task",
                "ner",
                "--train",
                conll.toString(),
                "--dev",
                conll.toString(),
                "--name",
                "people",
                "--registry",
                registry.toString(),
                "--max-steps",
                "2",
                "--batch",
                "2",
                "--max-length",
                "16");

        assertEquals(0, r.exit(), r.err());
        assertEquals("people:1\n", r.out());
        assertTrue(r.err().contains("fine-tune ["), "progress bar with loss and examples/s: " + r.err());
        assertTrue(r.err().contains("registered people:1"), r.err());
        assertTrue(r.err().contains("2 steps"), r.err());
        ModelStore store = ModelStore.open(registry);
        Path bundle = store.directory(store.resolve(ModelReference.ofVersion("people", 1)));
        assertTrue(Files.isRegularFile(bundle.resolve("heads/ner.onnx")), "the NER head is in the registered bundle");
    }

    @Test
    void fineTuningWithinATimeLimitPicksItsScheduleAndReportsTheDevCurve() throws Exception {
        Path registry = temp.resolve("registry");
        Path tsv = Files.writeString(
                temp.resolve("tickets.tsv"),
                String.join(
                        "\n",
                        "I was charged twice for my subscription\tbilling",
                        "Please refund the extra payment on my card\tbilling",
                        "My invoice shows the wrong amount\tbilling",
                        "The parcel has not arrived after two weeks\tshipping",
                        "Can you ship my order to a different address\tshipping",
                        "The courier left the package at the wrong door\tshipping",
                        ""));

        CliRun r = CliRun.of(
                "train",
                "--fine-tune",
                "--task",
                "classification",
                "--train",
                tsv.toString(),
                "--dev",
                tsv.toString(),
                "--name",
                "tickets",
                "--registry",
                registry.toString(),
                "--max-seconds",
                "60",
                "--lr",
                "0.0002");

        assertEquals(0, r.exit(), r.err());
        assertEquals("tickets:1\n", r.out());
        String schedule = r.err()
                .lines()
                .filter(l -> l.startsWith("schedule for "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no schedule line: " + r.err()));
        // one step of 6 texts an epoch: 10 epochs for small data, texts of at most 13 tokens
        assertTrue(
                schedule.contains("--epochs 10 --max-steps 10 --max-length 16 --lr 2.0E-4 --head-lr 0.03"), schedule);
        String curve = r.err()
                .lines()
                .filter(l -> l.startsWith("dev accuracy by step: "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no dev curve: " + r.err()));
        ModelStore store = ModelStore.open(registry);
        Map<String, Double> metrics =
                store.resolve(ModelReference.ofVersion("tickets", 1)).manifest().metrics();
        Map<String, Double> registeredCurve = new TreeMap<>();
        metrics.forEach((key, value) -> {
            if (key.startsWith("tickets.dev_curve.step_")) {
                registeredCurve.put(key, value);
            }
        });
        assertTrue(registeredCurve.containsKey("tickets.dev_curve.step_000001"), metrics.toString());
        assertEquals(curve.split(", ").length, registeredCurve.size(), curve + " vs " + registeredCurve);
        assertEquals(
                registeredCurve.values().stream()
                        .mapToDouble(Double::doubleValue)
                        .max()
                        .orElseThrow(),
                metrics.get("tickets.accuracy"),
                "the best checkpoint is the one registered");
        assertFalse(r.err().contains(" dev_curve."), "the summary line leaves the curve to its own line: " + r.err());
    }

    @Test
    void fineTuningSettingsNeedFineTune() throws Exception {
        Path train = Files.writeString(temp.resolve("train.tsv"), "a\tx\nb\ty\n");
        CliRun r = CliRun.of(
                "train", "--task", "classification", "--train", train.toString(), "--name", "m", "--epochs", "2");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("streamnlp train: --epochs applies only with --fine-tune"), r.err());
    }

    @Test
    void unknownTaskIsAUsageError() {
        CliRun r = CliRun.of("train", "--task", "summarization", "--train", "x.tsv", "--name", "m");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("streamnlp train: --task must be classification or ner"), r.err());
        assertEquals(2, CliRun.of("eval", "--task", "pos", "--test", "x").exit());
    }

    @Test
    void registryDefaultsToStreamnlpHome() {
        assertEquals(
                Path.of("/data/snlp/registry"),
                TrainingCommands.registry(null, Map.of("STREAMNLP_HOME", "/data/snlp"), "/home/u"));
        assertEquals(Path.of("/home/u/.streamnlp/registry"), TrainingCommands.registry(null, Map.of(), "/home/u"));
        assertEquals(Path.of("r"), TrainingCommands.registry(Path.of("r"), Map.of(), "/home/u"));
    }

    /** {@code train} of a classification model {@code m} on {@code train}, with {@code more} arguments. */
    private CliRun trainClassification(Path train, String... more) {
        List<String> args = new ArrayList<>(
                List.of("train", "--task", "classification", "--train", train.toString(), "--name", "m"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private CliRun fineTuneClassification(Path train, String option, String value) {
        return trainClassification(train, "--fine-tune", option, value);
    }
}
