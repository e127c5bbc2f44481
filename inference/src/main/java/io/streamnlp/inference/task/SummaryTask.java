package io.streamnlp.inference.task;

import io.streamnlp.inference.encoder.EncodedBatch;
import java.util.List;

/** Summarization, extractive or abstractive. Thread-safe. */
public interface SummaryTask extends AutoCloseable {

    /** One summary per text of the batch, in batch order; never null (an empty summary instead). */
    List<Summary> summarize(EncodedBatch batch);

    @Override
    void close();
}
