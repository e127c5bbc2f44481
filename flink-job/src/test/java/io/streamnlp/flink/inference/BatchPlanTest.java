package io.streamnlp.flink.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchPlanTest {

    @Test
    void groupsSimilarLengthsUnderBothBudgets() {
        int[] tokens = {400, 12, 15, 380, 11, 14, 13, 390};
        List<int[]> batches = PipelineEnricher.plan(tokens, 4, 800);
        // short texts ride together; long ones are limited by the token budget (texts x longest)
        assertThat(batches).hasSize(4);
        assertThat(batches.get(0)).containsExactly(4, 1, 6, 5);
        assertThat(batches.get(1)).containsExactly(2);
        assertThat(batches.get(2)).containsExactly(3, 7);
        assertThat(batches.get(3)).containsExactly(0);
        for (int[] b : batches) {
            int longest = Arrays.stream(b).map(i -> tokens[i]).max().orElseThrow();
            assertThat(b.length).isLessThanOrEqualTo(4);
            assertThat(b.length == 1 || (long) b.length * longest <= 800).isTrue();
        }
        assertThat(batches.stream().mapToInt(b -> b.length).sum()).isEqualTo(tokens.length);
    }

    @Test
    void aTextOverTheBudgetStillGetsABatchOfItsOwn() {
        assertThat(PipelineEnricher.plan(new int[] {5000}, 32, 1024)).singleElement().satisfies(b -> assertThat(b).containsExactly(0));
    }

    @Test
    void emptyBufferGivesNoBatches() {
        assertThat(PipelineEnricher.plan(new int[0], 32, 1024)).isEmpty();
    }
}
