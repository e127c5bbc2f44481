package io.streamnlp.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddingReservoirTest {

    @Test
    void keepsAUniformSampleOfTheWholeStream() {
        EmbeddingReservoir reservoir = new EmbeddingReservoir(200, 1L);
        for (int i = 0; i < 10_000; i++) {
            reservoir.offer(new float[] {i});
        }
        List<float[]> sample = reservoir.sample();
        double mean = sample.stream().mapToDouble(e -> e[0]).average().orElseThrow();

        assertEquals(200, sample.size());
        assertEquals(10_000, reservoir.seen());
        // a uniform draw of 200 from 0..9999 has mean 5000 and standard error about 204
        assertTrue(Math.abs(mean - 5000) < 800, "sample mean " + mean);
    }

    @Test
    void mergingWeighsEachSideByHowManyItSaw() {
        EmbeddingReservoir few = new EmbeddingReservoir(200, 2L);
        EmbeddingReservoir many = new EmbeddingReservoir(200, 3L);
        for (int i = 0; i < 1_000; i++) {
            few.offer(new float[] {0f});
        }
        for (int i = 0; i < 9_000; i++) {
            many.offer(new float[] {1f});
        }
        few.merge(many);
        long fromMany = few.sample().stream().filter(e -> e[0] == 1f).count();

        assertEquals(200, few.sample().size());
        assertEquals(10_000, few.seen());
        // expected 180 of 200 from the side that saw 90 %
        assertTrue(fromMany > 160 && fromMany < 197, fromMany + " of 200 from the larger side");
    }
}
