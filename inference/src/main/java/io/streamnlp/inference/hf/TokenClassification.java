package io.streamnlp.inference.hf;

import java.util.List;

/**
 * The entities found in one text.
 *
 * @param entities in text order; empty when nothing but ignored labels (by default {@code O}) was predicted
 * @param truncated true when the text was longer than the model accepts and only its beginning was tagged
 */
public record TokenClassification(List<TokenEntity> entities, boolean truncated) {

    public TokenClassification {
        entities = List.copyOf(entities);
    }
}
