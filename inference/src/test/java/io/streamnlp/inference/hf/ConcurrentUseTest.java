package io.streamnlp.inference.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.streamnlp.inference.runtime.InferenceOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Generators share predictor pools across threads; every thread must get what a lone caller gets. */
@Timeout(120)
class ConcurrentUseTest {

    @Test
    void concurrentBeamSearchesGiveTheSameIdsAsSequentialOnes() throws Exception {
        InferenceOptions options =
                InferenceOptions.builder().intraOpThreads(1).predictors(2).build();
        List<String> texts = Fixtures.texts(Fixtures.reference(Fixtures.BART));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (HfSeq2SeqGenerator bart = HfSeq2SeqGenerator.load(Fixtures.dir(Fixtures.BART), options)) {
            GenerationConfig config = bart.generationConfig().toBuilder()
                    .maxNewTokens(12)
                    .numBeams(3)
                    .build();
            List<Generation> expected = bart.generate(texts, config);
            List<Future<List<Generation>>> futures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                futures.add(pool.submit(() -> bart.generate(texts, config)));
            }
            for (Future<List<Generation>> f : futures) {
                List<Generation> actual = f.get(60, TimeUnit.SECONDS);
                for (int r = 0; r < texts.size(); r++) {
                    assertArrayEquals(expected.get(r).tokenIds(), actual.get(r).tokenIds());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
