package io.streamnlp.schemas.serde;

import java.util.Locale;
import org.apache.avro.Schema;

/** How a serializer names the registry subject of a topic's key or value schema (Confluent's three strategies). */
public enum SubjectNameStrategy {
    /** {@code <topic>-key} / {@code <topic>-value} (default: one schema lineage per topic). */
    TOPIC_NAME,
    /** {@code <record full name>}. */
    RECORD_NAME,
    /** {@code <topic>-<record full name>}. */
    TOPIC_RECORD_NAME;

    public String subject(String topic, boolean isKey, Schema schema) {
        return switch (this) {
            case TOPIC_NAME -> topic + (isKey ? "-key" : "-value");
            case RECORD_NAME -> schema.getFullName();
            case TOPIC_RECORD_NAME -> topic + "-" + schema.getFullName();
        };
    }

    /** Accepts the enum names and Confluent's class names ({@code io.confluent...TopicNameStrategy}, ...). */
    public static SubjectNameStrategy parse(Object value) {
        if (value == null) return TOPIC_NAME;
        String s = value instanceof Class<?> c
                ? c.getSimpleName()
                : value.toString().trim();
        s = s.substring(s.lastIndexOf('.') + 1);
        return switch (s.toUpperCase(Locale.ROOT).replace("_", "")) {
            case "TOPICNAMESTRATEGY", "TOPICNAME", "TOPIC" -> TOPIC_NAME;
            case "RECORDNAMESTRATEGY", "RECORDNAME", "RECORD" -> RECORD_NAME;
            case "TOPICRECORDNAMESTRATEGY", "TOPICRECORDNAME", "TOPICRECORD" -> TOPIC_RECORD_NAME;
            default ->
                throw new IllegalArgumentException("Unknown subject name strategy '" + value
                        + "'; use TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy");
        };
    }
}
