package io.streamnlp.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamnlp.bundle.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The body of {@code POST /v1/enrich} read into {@code TextEvent}-shaped objects (docs/openapi-enrich.yaml):
 * {@code {"text": ...}} or a TextEvent object, {@code {"texts": [...]}}, {@code {"events": [...]}}, or a bare
 * array of texts or events. Missing event fields get the values a producer without them would choose: a random
 * id, tenant {@code default}, source {@code api}, no language, created now, no attributes.
 */
final class EnrichRequest {
    private static final Set<String> EVENT_FIELDS =
            Set.of("id", "tenant", "source", "text", "language", "created_at", "attributes");

    private final List<ObjectNode> events;

    private EnrichRequest(List<ObjectNode> events) {
        this.events = events;
    }

    /** @throws BadRequestException 400 for malformed JSON or a wrong shape, 413 for a text over the limit */
    static EnrichRequest parse(byte[] body, int maxTextChars, long nowMillis) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadRequestException(400, "malformed JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new BadRequestException(400, "unreadable body: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new BadRequestException(400, "the body is empty; send {\"text\": \"...\"}");
        }
        List<JsonNode> items = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(items::add);
        } else if (root.isObject() && root.has("texts") && root.size() == 1) {
            requireArray(root.get("texts"), "texts").forEach(items::add);
        } else if (root.isObject() && root.has("events") && root.size() == 1) {
            requireArray(root.get("events"), "events").forEach(items::add);
        } else {
            items.add(root);
        }
        if (items.isEmpty()) {
            throw new BadRequestException(400, "no texts to enrich");
        }
        List<ObjectNode> events = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            ObjectNode event = event(items.get(i), i, nowMillis);
            int length = event.get("text").asText().length();
            if (length > maxTextChars) {
                throw new BadRequestException(
                        413, "text " + i + " has " + length + " characters, more than the limit of " + maxTextChars);
            }
            events.add(event);
        }
        return new EnrichRequest(events);
    }

    List<ObjectNode> events() {
        return events;
    }

    List<String> texts() {
        return events.stream().map(e -> e.get("text").asText()).toList();
    }

    private static JsonNode requireArray(JsonNode node, String field) {
        if (!node.isArray()) {
            throw new BadRequestException(400, "'" + field + "' must be an array");
        }
        return node;
    }

    private static ObjectNode event(JsonNode item, int index, long nowMillis) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        if (item.isTextual()) {
            event.put("text", item.asText());
        } else if (item.isObject()) {
            item.fieldNames().forEachRemaining(field -> {
                if (!EVENT_FIELDS.contains(field)) {
                    throw new BadRequestException(
                            400, "item " + index + ": unknown field '" + field + "'; a TextEvent has " + EVENT_FIELDS);
                }
            });
            event.setAll((ObjectNode) item);
        } else {
            throw new BadRequestException(400, "item " + index + " must be a text or a TextEvent object");
        }
        requireText(event, "text", index, null);
        requireText(event, "id", index, UUID.randomUUID().toString());
        requireText(event, "tenant", index, "default");
        requireText(event, "source", index, "api");
        if (!event.hasNonNull("language")) {
            event.putNull("language");
        } else {
            requireText(event, "language", index, null);
        }
        if (!event.hasNonNull("created_at")) {
            event.put("created_at", nowMillis);
        } else if (!event.get("created_at").canConvertToLong()) {
            throw new BadRequestException(400, "item " + index + ": 'created_at' must be epoch milliseconds");
        }
        JsonNode attributes = event.get("attributes");
        if (attributes == null || attributes.isNull()) {
            event.putObject("attributes");
        } else if (!attributes.isObject()) {
            throw new BadRequestException(400, "item " + index + ": 'attributes' must be an object of strings");
        } else {
            attributes.fields().forEachRemaining(a -> {
                if (!a.getValue().isTextual()) {
                    throw new BadRequestException(
                            400, "item " + index + ": attribute '" + a.getKey() + "' must be a string");
                }
            });
        }
        return event;
    }

    private static void requireText(ObjectNode event, String field, int index, String fallback) {
        JsonNode value = event.get(field);
        if ((value == null || value.isNull()) && fallback != null) {
            event.put(field, fallback);
            return;
        }
        if (value == null || !value.isTextual()) {
            throw new BadRequestException(400, "item " + index + ": '" + field + "' must be a string");
        }
    }
}
