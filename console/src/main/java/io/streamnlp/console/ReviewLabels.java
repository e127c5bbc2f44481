package io.streamnlp.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamnlp.registry.http.ApiException;
import io.streamnlp.schemas.avro.Classification;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.schemas.avro.Feedback;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A reviewer's label for an item of the review queue, as the {@link Feedback} the retrainer reads: the item's text,
 * the task, the label, and the model whose output was reviewed.
 */
final class ReviewLabels {
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final ConsoleFeed feed;
    private final FeedbackWriter writer;
    private final Clock clock;

    ReviewLabels(ConsoleFeed feed, FeedbackWriter writer, Clock clock) {
        this.feed = feed;
        this.writer = writer;
        this.clock = clock;
    }

    /** Writes the label and answers the record written, with its topic, partition and offset. */
    ObjectNode label(String eventId, String task, String label, String annotator) {
        EnrichedEvent item = feed.reviewItem(eventId)
                .orElseThrow(() -> new ApiException(404, "not_found", eventId + " is not in the review queue"));
        Classification reviewed = item.getClassifications().stream()
                .filter(c -> c.getTask().equals(task))
                .findFirst()
                .orElseThrow(() -> new ApiException(400, "invalid_request", eventId + " has no task " + task));
        Feedback record = Feedback.newBuilder()
                .setEventId(eventId)
                .setText(item.getEvent().getText())
                .setTask(task)
                .setLabel(label)
                .setModel(reviewed.getModel())
                .setAnnotator(annotator)
                .setCreatedAt(clock.instant())
                .build();
        try {
            RecordMetadata written = writer.write(record, WRITE_TIMEOUT);
            ObjectNode json = AvroJson.toJson(record);
            json.put("topic", written.topic())
                    .put("partition", written.partition())
                    .put("offset", written.offset());
            return json;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "unavailable", "interrupted while writing the feedback");
        } catch (ExecutionException | TimeoutException e) {
            throw new ApiException(503, "kafka_unavailable", "the feedback was not written: " + e);
        }
    }
}
