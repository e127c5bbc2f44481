package io.streamnlp.inference.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.streamnlp.inference.testing.TestEncoders;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class SharedEncoderConcurrencyTest {

    @Test
    void concurrentCallersShareThePredictorPoolSafely() throws Exception {
        SharedEncoder encoder = TestEncoders.miniLm();
        List<List<String>> batches = List.of(
                List.of("refund my order", "the app crashes on start"),
                List.of("where is my parcel", "cannot log in", "wrong invoice address"),
                List.of("battery drains fast"));
        List<float[]> expected = new ArrayList<>();
        for (List<String> b : batches) {
            encoder.encode(b).texts().forEach(t -> expected.add(t.embedding()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<List<float[]>>> futures = new ArrayList<>();
            for (int thread = 0; thread < 3; thread++) {
                futures.add(pool.submit(() -> {
                    List<float[]> out = new ArrayList<>();
                    for (List<String> b : batches) {
                        encoder.encode(b).texts().forEach(t -> out.add(t.embedding()));
                    }
                    return out;
                }));
            }
            for (Future<List<float[]>> f : futures) {
                List<float[]> got = f.get(60, TimeUnit.SECONDS);
                for (int i = 0; i < expected.size(); i++) {
                    assertArrayEquals(expected.get(i), got.get(i), 1e-5f);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
