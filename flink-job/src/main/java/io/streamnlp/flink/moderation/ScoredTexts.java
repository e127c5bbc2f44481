package io.streamnlp.flink.moderation;

import io.streamnlp.moderation.ScoredText;
import io.streamnlp.schemas.avro.Classification;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.schemas.avro.LabelScore;
import java.util.HashMap;
import java.util.Map;

/** What a moderation policy sees of an enriched record: id, tenant, text and every reported label score. */
final class ScoredTexts {
    private ScoredTexts() {}

    static ScoredText of(EnrichedEvent e) {
        Map<String, Map<String, Double>> scores = new HashMap<>();
        for (Classification c : e.getClassifications()) {
            Map<String, Double> labels = new HashMap<>();
            for (LabelScore ls : c.getTopK()) {
                labels.put(ls.getLabel(), (double) ls.getScore());
            }
            labels.putIfAbsent(c.getLabel(), (double) c.getScore());
            scores.put(c.getTask(), labels);
        }
        return new ScoredText(
                e.getEvent().getId(), e.getEvent().getTenant(), e.getEvent().getText(), scores);
    }
}
