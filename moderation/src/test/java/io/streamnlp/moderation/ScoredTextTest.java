package io.streamnlp.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoredTextTest {
    record Reported(String label, double score) {}

    @Test
    void aTaskScoresItsTopKPlusItsChosenLabelWhenTheTopKLeftItOut() {
        ScoredText scored = ScoredText.builder("id-1", "acme", "text")
                .classification(
                        "toxicity",
                        "toxic",
                        0.7,
                        List.of(new Reported("toxic", 0.7), new Reported("clean", 0.3)),
                        Reported::label,
                        Reported::score)
                .classification("intent", "refund", 0.4, List.of(), Reported::label, Reported::score)
                .build();

        assertThat(scored.id()).isEqualTo("id-1");
        assertThat(scored.tenant()).isEqualTo("acme");
        assertThat(scored.text()).isEqualTo("text");
        assertThat(scored.scores())
                .isEqualTo(Map.of(
                        "toxicity", Map.of("toxic", 0.7, "clean", 0.3),
                        "intent", Map.of("refund", 0.4)));
    }
}
