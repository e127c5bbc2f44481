package io.streamnlp.inference.task;

import io.streamnlp.inference.encoder.EncodedBatch;
import java.util.List;

/**
 * Named-entity recognition. Offsets are UTF-16 offsets into the original texts. Thread-safe.
 */
public interface EntityTask extends AutoCloseable {

    /** Entity types this task can produce, without IOB prefixes. */
    List<String> entityTypes();

    /** One (possibly empty) entity list per text of the batch, in batch order; entities in text order. */
    List<List<Entity>> extract(EncodedBatch batch);

    @Override
    void close();
}
