package io.streamnlp.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.streamnlp.schemas.avro.TextEvent;
import org.junit.jupiter.api.Test;

class SubjectNameStrategyTest {
    @Test
    void subjects() {
        var s = TextEvent.getClassSchema();
        assertEquals("text-events-value", SubjectNameStrategy.TOPIC_NAME.subject("text-events", false, s));
        assertEquals("text-events-key", SubjectNameStrategy.TOPIC_NAME.subject("text-events", true, s));
        assertEquals("io.streamnlp.schemas.avro.TextEvent", SubjectNameStrategy.RECORD_NAME.subject("x", false, s));
        assertEquals(
                "x-io.streamnlp.schemas.avro.TextEvent", SubjectNameStrategy.TOPIC_RECORD_NAME.subject("x", false, s));
    }

    @Test
    void parsesConfluentClassNames() {
        assertEquals(SubjectNameStrategy.TOPIC_NAME, SubjectNameStrategy.parse(null));
        assertEquals(
                SubjectNameStrategy.TOPIC_NAME,
                SubjectNameStrategy.parse("io.confluent.kafka.serializers.subject.TopicNameStrategy"));
        assertEquals(SubjectNameStrategy.RECORD_NAME, SubjectNameStrategy.parse("RecordNameStrategy"));
        assertEquals(SubjectNameStrategy.TOPIC_RECORD_NAME, SubjectNameStrategy.parse("TOPIC_RECORD_NAME"));
        assertThrows(IllegalArgumentException.class, () -> SubjectNameStrategy.parse("Whatever"));
    }
}
