package io.streamnlp.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamnlp.schemas.avro.Classification;
import io.streamnlp.schemas.avro.DeadLetter;
import io.streamnlp.schemas.avro.DriftReport;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.schemas.avro.EnrichmentStats;
import io.streamnlp.schemas.avro.Feedback;
import io.streamnlp.schemas.avro.RetrainRequest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the pages show: the last records of each topic the console tails, kept in memory and bounded, and the
 * open event streams every new one is pushed to. Written by the tailing thread, read by request handlers.
 */
final class ConsoleFeed {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final int capacity;
    private final Deque<ObjectNode> enriched = new ArrayDeque<>();
    private final Deque<ObjectNode> deadLetters = new ArrayDeque<>();
    private final Deque<ObjectNode> drift = new ArrayDeque<>();
    private final Deque<ObjectNode> retrainRequests = new ArrayDeque<>();
    /** The latest revision of each (tenant, window start), oldest window first. */
    private final TreeMap<String, ObjectNode> stats = new TreeMap<>();
    /** Review items by event id, in arrival order, with the labels given to them so far. */
    private final LinkedHashMap<String, ReviewItem> review = new LinkedHashMap<>();
    /** The version that produced the latest enriched record, by model name. */
    private final Map<String, String> serving = new TreeMap<>();

    private long enrichedSeen;
    private final List<EventSubscriber> subscribers = new CopyOnWriteArrayList<>();

    /** @param capacity records kept per topic (stats windows: four times as many, as a window has several tenants) */
    ConsoleFeed(int capacity) {
        this.capacity = capacity;
    }

    void subscribe(EventSubscriber subscriber) {
        subscribers.add(subscriber);
    }

    void unsubscribe(EventSubscriber subscriber) {
        subscribers.remove(subscriber);
    }

    void onEnriched(EnrichedEvent event) {
        ObjectNode json = AvroJson.toJson(event);
        synchronized (this) {
            enrichedSeen++;
            keep(enriched, json, capacity);
            for (Classification c : event.getClassifications()) {
                serving.put(c.getModel().getName(), c.getModel().getVersion());
            }
            json.put("seen", enrichedSeen);
        }
        publish("enriched", json);
    }

    void onDeadLetter(DeadLetter letter, int partition, long offset) {
        ObjectNode json = AvroJson.toJson(letter);
        json.put("dead_letter_partition", partition);
        json.put("dead_letter_offset", offset);
        synchronized (this) {
            keep(deadLetters, json, capacity);
        }
        publish("dead-letter", json);
    }

    void onDrift(DriftReport report) {
        ObjectNode json = AvroJson.toJson(report);
        synchronized (this) {
            keep(drift, json, capacity);
        }
        publish("drift", json);
    }

    void onRetrainRequest(RetrainRequest request) {
        ObjectNode json = AvroJson.toJson(request);
        synchronized (this) {
            keep(retrainRequests, json, capacity);
        }
        publish("retrain", json);
    }

    void onStats(EnrichmentStats window) {
        ObjectNode json = AvroJson.toJson(window);
        String key = String.format("%020d/%s", window.getWindowStart().toEpochMilli(), window.getTenant());
        synchronized (this) {
            ObjectNode kept = stats.get(key);
            if (kept != null && kept.path("revision").asInt() > window.getRevision()) {
                return;
            }
            stats.put(key, json);
            while (stats.size() > 4 * capacity) {
                stats.pollFirstEntry();
            }
        }
        publish("stats", json);
    }

    void onReview(EnrichedEvent event) {
        ObjectNode json;
        synchronized (this) {
            ReviewItem item = review.computeIfAbsent(event.getEvent().getId(), id -> new ReviewItem(event));
            while (review.size() > capacity) {
                Iterator<String> oldest = review.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            json = item.toJson();
        }
        publish("review", json);
    }

    /** A label given here or elsewhere (an agent, another console): the queue shows it beside the item. */
    void onFeedback(Feedback feedback) {
        ObjectNode json;
        synchronized (this) {
            ReviewItem item = review.get(feedback.getEventId());
            if (item == null) {
                return;
            }
            item.labels.add(AvroJson.toJson(feedback));
            json = item.toJson();
        }
        publish("review", json);
    }

    synchronized Optional<EnrichedEvent> reviewItem(String eventId) {
        return Optional.ofNullable(review.get(eventId)).map(item -> item.event);
    }

    synchronized ObjectNode live() {
        ObjectNode json = NODES.objectNode();
        json.put("seen", enrichedSeen);
        json.set("enriched", array(enriched));
        json.set("stats", array(stats.values()));
        return json;
    }

    synchronized ArrayNode deadLetters() {
        return array(deadLetters);
    }

    /** Drift reports and the retrain requests they led to. */
    synchronized ObjectNode drift() {
        ObjectNode json = NODES.objectNode();
        json.set("reports", array(drift));
        json.set("retrain_requests", array(retrainRequests));
        return json;
    }

    synchronized List<ObjectNode> retrainRequests() {
        return List.copyOf(retrainRequests);
    }

    synchronized ArrayNode review() {
        ArrayNode items = NODES.arrayNode();
        review.values().forEach(item -> items.add(item.toJson()));
        return items;
    }

    synchronized Map<String, String> serving() {
        return Map.copyOf(serving);
    }

    private void publish(String event, ObjectNode json) {
        String text = json.toString();
        for (EventSubscriber subscriber : subscribers) {
            if (!subscriber.offer(event, text)) {
                subscribers.remove(subscriber);
            }
        }
    }

    private static void keep(Deque<ObjectNode> recent, ObjectNode json, int capacity) {
        recent.addLast(json);
        if (recent.size() > capacity) {
            recent.removeFirst();
        }
    }

    private static ArrayNode array(Iterable<ObjectNode> nodes) {
        ArrayNode array = NODES.arrayNode();
        nodes.forEach(array::add);
        return array;
    }

    private static final class ReviewItem {
        final EnrichedEvent event;
        final ArrayNode labels = NODES.arrayNode();

        ReviewItem(EnrichedEvent event) {
            this.event = event;
        }

        ObjectNode toJson() {
            ObjectNode json = AvroJson.toJson(event);
            json.set("labels", labels.deepCopy());
            return json;
        }
    }
}
