package io.streamnlp.inference.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamnlp.bundle.ClassificationSpec;
import io.streamnlp.bundle.NerSpec;
import io.streamnlp.bundle.SummarizationSpec;
import io.streamnlp.bundle.TaskKind;
import io.streamnlp.inference.encoder.SharedEncoder;
import io.streamnlp.inference.pipeline.NlpPipeline;
import io.streamnlp.inference.pipeline.NlpResult;
import io.streamnlp.inference.task.Classification;
import io.streamnlp.inference.task.Entity;
import io.streamnlp.inference.task.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The three Hugging Face model kinds served through the pipeline's task interfaces. */
@Timeout(120)
class HfTasksTest {

    private static final HfTasks FACTORY = new HfTasks();

    private static NlpPipeline pipeline;
    private static List<String> texts;

    @BeforeAll
    static void load() {
        SharedEncoder encoder = SharedEncoder.builtin(Fixtures.OPTIONS);
        pipeline = NlpPipeline.of(
                encoder,
                List.of(FACTORY.classification(
                        new ClassificationSpec("sentiment", TaskKind.HF, "sentiment", List.of(), null, null),
                        Fixtures.dir(Fixtures.SEQUENCE_CLASSIFICATION),
                        Fixtures.OPTIONS)),
                FACTORY.entities(
                        NerSpec.hf("ner", null, "simple"),
                        Fixtures.dir(Fixtures.TOKEN_CLASSIFICATION),
                        Fixtures.OPTIONS),
                FACTORY.summarization(
                        new SummarizationSpec(TaskKind.HF, "summarizer", null, null, null, 12, 1, null),
                        Fixtures.dir(Fixtures.BART),
                        Fixtures.OPTIONS));
        texts = Fixtures.texts(Fixtures.reference(Fixtures.SEQUENCE_CLASSIFICATION));
    }

    @AfterAll
    static void close() {
        pipeline.encoder().close();
        pipeline.close();
    }

    @Test
    void pipelineServesTheThreeModelKindsAsTransformersWould() {
        JsonNode sentiment = Fixtures.reference(Fixtures.SEQUENCE_CLASSIFICATION);
        JsonNode ner = Fixtures.reference(Fixtures.TOKEN_CLASSIFICATION).get("pipeline_simple");
        JsonNode bart = Fixtures.reference(Fixtures.BART);
        List<NlpResult> results = pipeline.predict(texts);
        List<String> labels = pipeline.classifiers().get(0).labels();
        for (int r = 0; r < texts.size(); r++) {
            Classification c = results.get(r).classification("sentiment");
            int argmax = sentiment.get("argmax").get(r).asInt();
            assertEquals(labels.get(argmax), c.label());
            assertEquals(sentiment.get("probabilities").get(r).get(argmax).asDouble(), c.score(), 1e-4);
            assertEquals(3, c.topK().size());

            List<Entity> entities = results.get(r).entities();
            assertEquals(ner.get(r).size(), entities.size(), "text " + r);
            for (int i = 0; i < entities.size(); i++) {
                JsonNode e = ner.get(r).get(i);
                Entity a = entities.get(i);
                assertEquals(e.get("entity_group").asText(), a.type());
                assertEquals(e.get("start").asInt(), a.start());
                assertEquals(e.get("end").asInt(), a.end());
                assertEquals(texts.get(r).substring(a.start(), a.end()), a.text());
                assertEquals(e.get("score").asDouble(), a.score(), 1e-4);
            }

            Summary s = results.get(r).summary();
            assertEquals(Summary.ABSTRACTIVE, s.method());
            assertEquals(bart.get("greedy_text").get(r).asText(), s.text());
        }
        assertEquals(
                List.of("PER", "ORG", "LOC"), pipeline.entities().orElseThrow().entityTypes());
    }

    @Test
    void summariesFollowTheModelsSummarizationSettingsAndPrefix(@TempDir Path dir) throws IOException {
        Path export = dir.resolve("t5");
        Files.createDirectories(export);
        try (var files = Files.list(Fixtures.dir(Fixtures.T5))) {
            for (Path f : files.toList()) {
                Files.copy(f, export.resolve(f.getFileName().toString()));
            }
        }
        ObjectNode config = (ObjectNode)
                new ObjectMapper().readTree(export.resolve("config.json").toFile());
        config.putObject("task_specific_params")
                .putObject("summarization")
                .put("prefix", "summarize: ")
                .put("num_beams", 3)
                .put("early_stopping", true)
                .put("max_length", 13);
        Files.writeString(export.resolve("config.json"), config.toString());

        try (NlpPipeline t5 = NlpPipeline.of(
                        pipeline.encoder(),
                        List.of(),
                        null,
                        FACTORY.summarization(
                                new SummarizationSpec(TaskKind.HF, "t5", null, null, null, null, null, null),
                                export,
                                Fixtures.OPTIONS));
                HfSeq2SeqGenerator direct = HfSeq2SeqGenerator.load(export, Fixtures.OPTIONS)) {
            GenerationConfig expectedConfig = direct.generationConfig().toBuilder()
                    .numBeams(3)
                    .earlyStopping(GenerationConfig.EarlyStopping.TRUE)
                    .maxLength(13)
                    .build();
            List<String> prefixed = texts.stream().map(t -> "summarize: " + t).toList();
            List<Generation> expected = direct.generate(prefixed, expectedConfig);
            List<NlpResult> results = t5.predict(texts);
            for (int r = 0; r < texts.size(); r++) {
                assertEquals(
                        expected.get(r).text().strip(), results.get(r).summary().text(), "text " + r);
            }
            assertEquals(
                    "",
                    t5.predict(List.of(" ")).get(0).summary().text(),
                    "a blank text stays blank despite the prefix");
        }
    }

    @Test
    void bundleErrorsAreTyped() {
        assertThrows(
                InvalidHfExportException.class,
                () -> FACTORY.entities(
                        NerSpec.hf("ner", null, "longest"),
                        Fixtures.dir(Fixtures.TOKEN_CLASSIFICATION),
                        Fixtures.OPTIONS));
        assertThrows(
                InvalidHfExportException.class,
                () -> FACTORY.classification(
                        new ClassificationSpec(
                                "sentiment", TaskKind.HF, "sentiment", List.of("good", "bad"), null, null),
                        Fixtures.dir(Fixtures.SEQUENCE_CLASSIFICATION),
                        Fixtures.OPTIONS));
        assertThrows(
                InvalidHfExportException.class,
                () -> FACTORY.summarization(
                        new SummarizationSpec(TaskKind.HF, "summarizer", null, null, null, 0, 1, null),
                        Fixtures.dir(Fixtures.BART),
                        Fixtures.OPTIONS));
        assertThrows(
                InvalidHfExportException.class,
                () -> FACTORY.summarization(
                        new SummarizationSpec(TaskKind.HF, "summarizer", null, null, null, 500, 1, null),
                        Fixtures.dir(Fixtures.BART),
                        Fixtures.OPTIONS),
                "more tokens than BART's 128 positions");
    }
}
