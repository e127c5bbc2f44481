package io.streamnlp.training.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.training.data.LabeledText;
import io.streamnlp.training.data.TaggedSentence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedCorpusTest {
    private static final SeedCorpus BUNDLED = SeedCorpus.bundled();

    @Test
    void shippedFilesAreExactlyWhatTheGeneratorWrites(@TempDir Path dir) throws Exception {
        SeedCorpus.generate(SeedCorpus.DEFAULT_SEED).write(dir);
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                try (var shipped = SeedCorpus.class.getResourceAsStream(SeedCorpus.RESOURCE_DIR + file.getFileName())) {
                    assertEquals(
                            Files.readString(file),
                            new String(shipped.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
                            file.getFileName() + " is stale: regenerate with SeedCorpus main");
                }
            }
        }
    }

    @Test
    void anotherSeedGivesOtherData() {
        assertFalse(SeedCorpus.generate(1)
                .classification("category", Split.TRAIN)
                .equals(BUNDLED.classification("category", Split.TRAIN)));
    }

    @Test
    void everyLabelOccursInTrainAndDev() {
        assertLabels("category", Set.of("billing", "shipping", "account", "technical", "refund", "product_question"));
        assertLabels("sentiment", Set.of("negative", "neutral", "positive"));
        assertLabels("urgency", Set.of("low", "normal", "high"));
        assertLabels("moderation", Set.of("neither", "offensive_language"));
    }

    @Test
    void hundredsOfMostlyDistinctExamplesPerTask() {
        for (String task : SeedCorpus.CLASSIFICATION_TASKS) {
            List<LabeledText> train = BUNDLED.classification(task, Split.TRAIN);
            assertTrue(train.size() >= 400, task + ": " + train.size());
            Set<String> distinct =
                    new HashSet<>(train.stream().map(LabeledText::text).toList());
            // the moderation templates are short, so 2,000 of them repeat more than tickets do
            double distinctShare = task.equals("moderation") ? 0.7 : 0.85;
            assertTrue(
                    distinct.size() > distinctShare * train.size(),
                    task + ": only " + distinct.size() + " distinct texts");
            // a dev split that resolves a one-point change (docs/inference.md, the int8 rule)
            assertTrue(BUNDLED.classification(task, Split.DEV).size() >= 1000, task);
        }
        assertTrue(BUNDLED.entities(Split.TRAIN).size() >= 400);
        assertTrue(BUNDLED.summaries().size() >= 30);
    }

    @Test
    void everyEntityTypeIsAnnotated() {
        Set<String> types = new TreeSet<>();
        for (TaggedSentence s : BUNDLED.entities(Split.TRAIN)) {
            for (String tag : s.tags()) {
                if (tag.startsWith("B-")) {
                    types.add(tag.substring(2));
                }
            }
        }
        assertEquals(new TreeSet<>(SeedCorpus.ENTITY_TYPES), types);
    }

    @Test
    void entityTokensAreTheSlotValues() {
        TaggedSentence s = new GeneratedText(List.of(
                        Segment.plain("Refund "),
                        new Segment("$12.50", "MONEY"),
                        Segment.plain(" for "),
                        new Segment("ORD-12345", "ORDER_ID"),
                        Segment.plain(", thanks!")))
                .taggedTokens().stream()
                        .collect(java.util.stream.Collectors.teeing(
                                java.util.stream.Collectors.mapping(t -> t[0], java.util.stream.Collectors.toList()),
                                java.util.stream.Collectors.mapping(t -> t[1], java.util.stream.Collectors.toList()),
                                TaggedSentence::new));
        assertEquals(List.of("Refund", "$", "12.50", "for", "ORD-12345", ",", "thanks", "!"), s.tokens());
        assertEquals(List.of("O", "B-MONEY", "I-MONEY", "O", "B-ORDER_ID", "O", "O", "O"), s.tags());
    }

    private static void assertLabels(String task, Set<String> expected) {
        for (Split split : Split.values()) {
            assertEquals(
                    expected,
                    new HashSet<>(BUNDLED.classification(task, split).stream()
                            .map(LabeledText::label)
                            .toList()),
                    task + " " + split);
        }
    }
}
