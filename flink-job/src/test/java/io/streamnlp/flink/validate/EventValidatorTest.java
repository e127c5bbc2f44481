package io.streamnlp.flink.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.schemas.avro.DeadLetterReason;
import io.streamnlp.schemas.avro.TextEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventValidatorTest {
    private final EventValidator validator = new EventValidator(new JobConfig.Validation(50, 3, 16));

    private static TextEvent event(String text, Map<String, String> attributes) {
        return TextEvent.newBuilder()
                .setId("e")
                .setTenant("t")
                .setSource("s")
                .setText(text)
                .setCreatedAt(Instant.EPOCH)
                .setAttributes(attributes)
                .build();
    }

    private DeadLetterReason reason(String text, Map<String, String> attributes) {
        EventValidator.Refusal r = validator.check(event(text, attributes));
        return r == null ? null : r.reason();
    }

    @Test
    void textWithinTheLimitsAndUpToTheAttributeLimitsIsFine() {
        assertThat(reason("Where is my parcel?", Map.of("a", "1", "b", "2", "c", "é".repeat(7))))
                .isNull();
    }

    @Test
    void refusesEachLimitWithItsReason() {
        assertThat(reason(" \t\n", Map.of())).isEqualTo(DeadLetterReason.EMPTY_TEXT);
        assertThat(reason("x".repeat(51), Map.of())).isEqualTo(DeadLetterReason.TEXT_TOO_LONG);
        assertThat(reason("a\u0000b", Map.of())).isEqualTo(DeadLetterReason.INVALID_TEXT);
        Map<String, String> four = new HashMap<>(Map.of("a", "1", "b", "2", "c", "3", "d", "4"));
        assertThat(reason("ok", four)).isEqualTo(DeadLetterReason.ATTRIBUTES_TOO_LARGE);
        // key and value count in UTF-8 bytes: "c" + 8 × "é" is 17 bytes
        EventValidator.Refusal large = validator.check(event("ok", Map.of("c", "é".repeat(8))));
        assertThat(large.reason()).isEqualTo(DeadLetterReason.ATTRIBUTES_TOO_LARGE);
        assertThat(large.message()).contains("'c'").contains("17 bytes").contains("validation.max-attribute-bytes=16");
    }
}
