package io.streamnlp.flink.moderation;

import io.streamnlp.moderation.ScoredText;
import io.streamnlp.schemas.avro.Classification;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.schemas.avro.LabelScore;

/** What a moderation policy sees of an enriched record: id, tenant, text and every reported label score. */
final class ScoredTexts {
    private ScoredTexts() {}

    static ScoredText of(EnrichedEvent e) {
        ScoredText.Builder scored = ScoredText.builder(
                e.getEvent().getId(), e.getEvent().getTenant(), e.getEvent().getText());
        for (Classification c : e.getClassifications()) {
            scored.classification(
                    c.getTask(), c.getLabel(), c.getScore(), c.getTopK(), LabelScore::getLabel, LabelScore::getScore);
        }
        return scored.build();
    }
}
