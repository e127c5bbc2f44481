package io.streamnlp.inference.pipeline;

import io.streamnlp.inference.task.Classification;
import io.streamnlp.inference.task.Entity;
import io.streamnlp.inference.task.Summary;
import java.util.List;

/**
 * Everything the pipeline computed for one text.
 *
 * @param classifications one per classification task, in bundle order
 * @param entities entities in text order; empty when none or NER is disabled
 * @param summary the summary, or null when summarization is disabled
 * @param embedding the shared encoder's sentence embedding (unit length), e.g. for drift metrics
 * @param tokenCount tokens the encoder ran for this text, special tokens included
 * @param unknownTokens tokens the vocabulary could not represent
 * @param truncated whether the text was longer than the encoder's maximum and was cut
 */
public record NlpResult(
        List<Classification> classifications,
        List<Entity> entities,
        Summary summary,
        float[] embedding,
        int tokenCount,
        int unknownTokens,
        boolean truncated) {

    public NlpResult {
        classifications = List.copyOf(classifications);
        entities = List.copyOf(entities);
    }

    /** The result of one classification task, or null if the pipeline has no such task. */
    public Classification classification(String task) {
        for (Classification c : classifications) {
            if (c.task().equals(task)) {
                return c;
            }
        }
        return null;
    }
}
