package io.streamnlp.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamnlp.inference.pipeline.NlpResult;
import io.streamnlp.inference.task.Classification;
import io.streamnlp.inference.task.Entity;
import io.streamnlp.inference.task.LabelScore;
import io.streamnlp.registry.ModelVersion;

/**
 * An enriched text as the JSON of an Avro {@code EnrichedEvent} (schemas/src/main/avro/EnrichedEvent.avsc): the
 * same field names, unions written as their value. The job's mapping (flink-job {@code EnrichedEventMapper})
 * builds Avro records inside the Flink module, which this server must not depend on, so the mapping is repeated
 * here in this one class. Fields of the policy engine's decisions (issue 16, moderation) belong here too.
 */
final class EnrichedJson {
    /** The job's flag for a text longer than the encoder's maximum. */
    static final String TRUNCATED = "truncated";

    private EnrichedJson() {}

    static ObjectNode of(ObjectNode event, Enrichment enrichment, long receivedAtMillis, long nowMillis) {
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
        return out;
    }

    private static ObjectNode modelRef(ModelVersion version) {
        return JsonNodeFactory.instance
                .objectNode()
                .put("name", version.name())
                .put("version", Integer.toString(version.version()))
                .put("digest", version.digest());
    }
}
