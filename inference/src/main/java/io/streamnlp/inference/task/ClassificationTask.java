package io.streamnlp.inference.task;

import io.streamnlp.inference.encoder.EncodedBatch;
import java.util.List;

/**
 * A text classification task. Implementations either read the shared encoder's output in the
 * batch (heads) or run their own model on {@link EncodedBatch#text(int)} (Hugging Face models).
 * Implementations are thread-safe.
 */
public interface ClassificationTask extends AutoCloseable {

    /** The task name, e.g. {@code category}. */
    String task();

    /** Label names in the model's output order. */
    List<String> labels();

    /** One result per text of the batch, in batch order. */
    List<Classification> classify(EncodedBatch batch);

    @Override
    void close();
}
