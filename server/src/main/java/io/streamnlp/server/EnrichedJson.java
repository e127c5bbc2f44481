package io.streamnlp.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamnlp.inference.pipeline.NlpResult;
import io.streamnlp.inference.task.Classification;
import io.streamnlp.inference.task.Entity;
import io.streamnlp.inference.task.LabelScore;
import io.streamnlp.moderation.Decision;
import io.streamnlp.moderation.ModerationPolicy;
import io.streamnlp.moderation.ScoredText;
import io.streamnlp.registry.ModelVersion;

/**
 * An enriched text as the JSON of an Avro {@code EnrichedEvent} (schemas/src/main/avro/EnrichedEvent.avsc): the
 * same field names, unions written as their value. The job's mapping (flink-job {@code EnrichedEventMapper})
 * builds Avro records inside the Flink module, which this server must not depend on, so the mapping is repeated
 * here in this one class, with the moderation decision the job's policy step adds.
 */
final class EnrichedJson {
    /** The job's flag for a text longer than the encoder's maximum. */
    static final String TRUNCATED = "truncated";

    private EnrichedJson() {}

    static ObjectNode of(
            ObjectNode event, Enrichment enrichment, ModerationPolicy policy, long receivedAtMillis, long nowMillis) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        NlpResult result = enrichment.result();
        ObjectNode model = modelRef(enrichment.model());
        ObjectNode out = json.objectNode();
        out.set("event", event);
        ArrayNode classifications = out.putArray("classifications");
        for (Classification c : result.classifications()) {
            ObjectNode node = classifications.addObject();
            node.put("task", c.task());
            node.put("label", c.label());
            node.put("score", c.score());
            ArrayNode topK = node.putArray("top_k");
            for (LabelScore ls : c.topK()) {
                topK.addObject().put("label", ls.label()).put("score", ls.score());
            }
            node.set("model", model);
        }
        ArrayNode entities = out.putArray("entities");
        for (Entity e : result.entities()) {
            entities.addObject()
                    .put("type", e.type())
                    .put("text", e.text())
                    .put("start", e.start())
                    .put("end", e.end())
                    .put("score", e.score());
        }
        out.set("entities_model", enrichment.hasEntities() ? model : json.nullNode());
        if (result.summary() != null) {
            ObjectNode summary = out.putObject("summary");
            summary.put("text", result.summary().text());
            summary.put("method", result.summary().method());
            summary.set("model", model);
        } else {
            out.putNull("summary");
        }
        out.put("batch_id", enrichment.batchId());
        out.put("batch_size", enrichment.batchSize());
        out.put("processing_latency_ms", Math.max(0, nowMillis - receivedAtMillis));
        out.put("processed_at", nowMillis);
        ArrayNode flags = out.putArray("flags");
        if (result.truncated()) {
            flags.add(TRUNCATED);
        }
        out.set("moderation", policy == null ? json.nullNode() : moderation(policy.decide(scored(event, result))));
        return out;
    }

    /** What the policy sees, as the job's step sees it: every reported label score by task. */
    private static ScoredText scored(ObjectNode event, NlpResult result) {
        ScoredText.Builder scored = ScoredText.builder(
                event.path("id").asText(),
                event.path("tenant").asText(),
                event.path("text").asText());
        for (Classification c : result.classifications()) {
            scored.classification(c.task(), c.label(), c.score(), c.topK(), LabelScore::label, LabelScore::score);
        }
        return scored.build();
    }

    private static ObjectNode moderation(Decision d) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("action", d.action().name());
        node.put("rule", d.rule());
        node.put("policy_name", d.policyName());
        node.put("policy_version", d.policyVersion());
        node.put("audit_sampled", d.auditSampled());
        return node;
    }

    private static ObjectNode modelRef(ModelVersion version) {
        return JsonNodeFactory.instance
                .objectNode()
                .put("name", version.name())
                .put("version", Integer.toString(version.version()))
                .put("digest", version.digest());
    }
}
