package io.streamnlp.flink.inference;

import io.streamnlp.inference.encoder.TokenizedText;
import io.streamnlp.inference.pipeline.NlpPipeline;
import io.streamnlp.inference.pipeline.NlpResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One encoder pass per batch, with failure isolation: a batch that fails is split in halves and each
 * half retried, down to single texts, so one bad text costs only itself; a single text that failed for
 * lack of memory (a transient failure) gets one more try on its own. Only texts that still fail are
 * reported as failed.
 */
final class BisectingInference {
    private static final Logger LOG = LoggerFactory.getLogger(BisectingInference.class);

    /** What became of the texts of a batch, by their positions in it. */
    interface Listener {
        /** One pass succeeded: {@code results.get(k)} belongs to position {@code positions[k]}. */
        void succeeded(int[] positions, List<NlpResult> results, long passNanos);

        void failed(int position, Throwable cause);
    }

    private final NlpPipeline pipeline;
    private final String modelLabel;

    BisectingInference(NlpPipeline pipeline, String modelLabel) {
        this.pipeline = pipeline;
        this.modelLabel = modelLabel;
    }

    void run(List<TokenizedText> batch, Listener listener) {
        int[] positions = new int[batch.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i;
        }
        run(batch, positions, false, listener);
    }

    private void run(List<TokenizedText> batch, int[] positions, boolean retriedAlone, Listener listener) {
        List<TokenizedText> texts = new ArrayList<>(positions.length);
        for (int p : positions) {
            texts.add(batch.get(p));
        }
        long start = System.nanoTime();
        List<NlpResult> results;
        try {
            results = pipeline.predictTokenized(texts);
            if (results.size() != positions.length) {
                throw new IllegalStateException(
                        "the model returned " + results.size() + " results for " + positions.length + " texts");
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            if (positions.length > 1) {
                LOG.warn(
                        "model {} failed on a batch of {} events ({}); splitting it to isolate the failing ones",
                        modelLabel,
                        positions.length,
                        e.toString());
                int half = positions.length / 2;
                run(batch, Arrays.copyOfRange(positions, 0, half), false, listener);
                run(batch, Arrays.copyOfRange(positions, half, positions.length), false, listener);
            } else if (isTransient(e) && !retriedAlone) {
                LOG.warn("model {} ran out of memory on a single event; trying it once more", modelLabel);
                run(batch, positions, true, listener);
            } else {
                listener.failed(positions[0], e);
            }
            return;
        }
        listener.succeeded(positions, results, System.nanoTime() - start);
    }

    /** Out of memory, in the JVM or in ONNX Runtime's allocator: a smaller batch may well succeed. */
    static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
            String message = t.getMessage();
            if (message != null && message.toLowerCase(Locale.ROOT).contains("failed to allocate")) {
                return true;
            }
        }
        return false;
    }
}
