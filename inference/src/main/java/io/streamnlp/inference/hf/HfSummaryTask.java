package io.streamnlp.inference.hf;

import io.streamnlp.inference.encoder.EncodedBatch;
import io.streamnlp.inference.task.Summary;
import io.streamnlp.inference.task.SummaryTask;
import java.util.ArrayList;
import java.util.List;

/** The pipeline's summarization task served by a Hugging Face encoder-decoder model (abstractive). */
public final class HfSummaryTask implements SummaryTask {

    /** The transformers pipeline task whose settings and input prefix apply. */
    public static final String TASK = "summarization";

    private final HfSeq2SeqGenerator generator;
    private final GenerationConfig config;
    private final String inputPrefix;

    /**
     * Takes ownership of {@code generator}: closing the task closes it.
     *
     * @param inputPrefix put before each text, as config.json's summarization prefix says (T5: "summarize: ")
     */
    public HfSummaryTask(HfSeq2SeqGenerator generator, GenerationConfig config, String inputPrefix) {
        this.generator = generator;
        this.config = config;
        this.inputPrefix = inputPrefix;
    }

    @Override
    public List<Summary> summarize(EncodedBatch batch) {
        List<String> texts = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            texts.add(batch.text(i));
        }
        List<Summary> out = new ArrayList<>(texts.size());
        for (Generation g : generator.generate(texts, config, inputPrefix)) {
            out.add(new Summary(g.text().strip(), Summary.ABSTRACTIVE, List.of()));
        }
        return out;
    }

    @Override
    public void close() {
        generator.close();
    }
}
