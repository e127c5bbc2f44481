package io.streamnlp.training.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.inference.runtime.Precision;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.training.data.ClassificationTsv;
import io.streamnlp.training.data.Conll;
import io.streamnlp.training.data.DatasetFormatException;
import io.streamnlp.training.data.SummarizationJsonl;
import io.streamnlp.training.heads.ProgressListener;
import io.streamnlp.training.job.TaskType;
import io.streamnlp.training.seed.SeedCorpus;
import io.streamnlp.training.seed.Split;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Scores the default bundle (built or copied from the model cache) on slices of the seed dev data. */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class EvalJobTest {
    private static final SeedCorpus SEED = SeedCorpus.bundled();

    @TempDir
    Path dir;

    @Test
    void printsExactlyTheContractKeysForEveryTask() throws Exception {
        // at fp32: at int8 (the CPU default) the report adds the fp32 one, EvalCommandTest's concern
        EvalJob job = new EvalJob(
                ModelStore.open(dir.resolve("registry")),
                InferenceOptions.defaults().withPrecision(Precision.FP32),
                ProgressListener.NONE);
        Path category = dir.resolve("category.tsv");
        ClassificationTsv.write(
                category, SEED.classification("category", Split.DEV).subList(0, 40));
        Path entities = dir.resolve("entities.conll");
        Conll.write(entities, SEED.entities(Split.DEV).subList(0, 30));
        Path summaries = dir.resolve("summaries.jsonl");
        SummarizationJsonl.write(summaries, SEED.summaries());

        ObjectNode c = job.run(new EvalRequest(TaskType.CLASSIFICATION, "default", category, "category"));
        assertEquals(List.of("n", "accuracy", "macro_f1", "per_label"), fields(c));
        assertEquals(40, c.get("n").asInt());
        assertTrue(c.get("accuracy").asDouble() > 0.85, c.toString());
        assertEquals(
                List.of("precision", "recall", "f1", "support"),
                fields(c.get("per_label").get("billing")));

        ObjectNode n = job.run(new EvalRequest(TaskType.NER, "default@champion", entities, null));
        assertEquals(List.of("n_sentences", "precision", "recall", "f1"), fields(n));
        assertEquals(30, n.get("n_sentences").asInt());
        assertTrue(n.get("f1").asDouble() > 0.7, n.toString());

        ObjectNode s = job.run(new EvalRequest(TaskType.SUMMARIZATION, "default:1", summaries, null));
        assertEquals(List.of("n", "rouge1", "rouge2", "rougeL", "lead3", "lead_same_length"), fields(s));
        assertEquals(List.of("rouge1", "rouge2", "rougeL"), fields(s.get("lead3")));
        assertTrue(
                s.get("rouge1").asDouble()
                        > s.get("lead_same_length").get("rouge1").asDouble(),
                s.toString());
    }

    @Test
    void badTestDataFailsBeforeAnyModelLoads() throws Exception {
        ModelStore store = ModelStore.open(dir.resolve("registry"));
        EvalJob job = new EvalJob(store, InferenceOptions.defaults(), ProgressListener.NONE);
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
        assertEquals(
                empty + ": is empty",
                assertThrows(
                                DatasetFormatException.class,
                                () -> job.run(new EvalRequest(TaskType.SUMMARIZATION, "default", empty, null)))
                        .getMessage());
        assertTrue(store.list().isEmpty());
    }

    private static List<String> fields(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
