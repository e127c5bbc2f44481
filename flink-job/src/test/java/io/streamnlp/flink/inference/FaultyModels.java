package io.streamnlp.flink.inference;

import io.streamnlp.inference.encoder.EncodedBatch;
import io.streamnlp.inference.encoder.SharedEncoder;
import io.streamnlp.inference.pipeline.NlpPipeline;
import io.streamnlp.inference.task.Classification;
import io.streamnlp.inference.task.ClassificationTask;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Real models with a fault injected into their first classification task: the test double of the model's predict
 * path. Everything else (tokenizer, encoder, heads, NER, summarizer) is the real model.
 */
public final class FaultyModels {
    private FaultyModels() {}

    /** {@code real}, except that its first classifier first runs {@code fault} on every batch (which may throw). */
    public static ServedModel withFault(ServedModel real, Consumer<EncodedBatch> fault) {
        NlpPipeline p = real.pipeline();
        List<ClassificationTask> tasks = new ArrayList<>(p.classifiers());
        tasks.set(0, new FaultyClassifier(tasks.get(0), fault, p.encoder()));
        return new ServedModel(
                real.ref(),
                NlpPipeline.of(
                        p.encoder(),
                        tasks,
                        p.entities().orElse(null),
                        p.summarizer().orElse(null)),
                real.reference());
    }

    /** Throws for any batch holding a text that contains {@code marker}. */
    public static Consumer<EncodedBatch> throwOnText(String marker) {
        return batch -> {
            for (int i = 0; i < batch.size(); i++) {
                if (batch.text(i).contains(marker)) {
                    throw new IllegalStateException("injected failure on a text containing " + marker);
                }
            }
        };
    }

    /** Runs out of memory on batches larger than {@code maxSize}, as ONNX Runtime may on a big batch. */
    public static Consumer<EncodedBatch> outOfMemoryAbove(int maxSize) {
        return batch -> {
            if (batch.size() > maxSize) {
                throw new OutOfMemoryError("injected: no memory for a batch of " + batch.size());
            }
        };
    }

    /** The job's own enricher on the model the operator chose, whose batches throw when they hold {@code marker}. */
    public static EnricherFactory throwingOn(String marker) {
        return (config, model, subtask, metrics) ->
                new PipelineEnricher(config, withFault(model, throwOnText(marker)), subtask, metrics);
    }

    private static final class FaultyClassifier implements ClassificationTask {
        private final ClassificationTask delegate;
        private final Consumer<EncodedBatch> fault;
        /** The pipeline built around this task does not own the encoder, so the task closes it with itself. */
        private final SharedEncoder encoder;

        FaultyClassifier(ClassificationTask delegate, Consumer<EncodedBatch> fault, SharedEncoder encoder) {
            this.delegate = delegate;
            this.fault = fault;
            this.encoder = encoder;
        }

        @Override
        public String task() {
            return delegate.task();
        }

        @Override
        public List<String> labels() {
            return delegate.labels();
        }

        @Override
        public List<Classification> classify(EncodedBatch batch) {
            fault.accept(batch);
            return delegate.classify(batch);
        }

        @Override
        public void close() {
            try {
                delegate.close();
            } finally {
                encoder.close();
            }
        }
    }
}
