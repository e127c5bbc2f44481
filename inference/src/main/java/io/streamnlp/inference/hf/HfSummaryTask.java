package io.streamnlp.inference.hf;

import io.streamnlp.inference.encoder.EncodedBatch;
import io.streamnlp.inference.task.Summary;
import io.streamnlp.inference.task.SummaryTask;
import java.util.ArrayList;
import java.util.List;

/** The pipeline's summarization task served by a Hugging Face encoder-decoder model (abstractive). */
public final class HfSummaryTask implements SummaryTask {

    private final HfSeq2SeqGenerator generator;
    private final GenerationConfig config;

    /** Takes ownership of {@code generator}: closing the task closes it. */
    public HfSummaryTask(HfSeq2SeqGenerator generator, GenerationConfig config) {
        this.generator = generator;
        this.config = config;
    }

    @Override
    public List<Summary> summarize(EncodedBatch batch) {
        List<String> texts = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            texts.add(batch.text(i));
        }
        List<Summary> out = new ArrayList<>(texts.size());
        for (Generation g : generator.generate(texts, config)) {
            out.add(new Summary(g.text().strip(), Summary.ABSTRACTIVE, List.of()));
        }
        return out;
    }

    @Override
    public void close() {
        generator.close();
    }
}
