package io.streamnlp.training.bundle;

import io.streamnlp.bundle.BundleManifest;
import io.streamnlp.bundle.ClassificationSpec;
import io.streamnlp.bundle.EncoderIdentity;
import io.streamnlp.bundle.EncoderSpec;
import io.streamnlp.bundle.HeadGraphWriter;
import io.streamnlp.bundle.NerSpec;
import io.streamnlp.bundle.SummarizationSpec;
import io.streamnlp.training.TrainedClassifier;
import io.streamnlp.training.TrainedNer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes trained heads as a shared-encoder bundle: {@code bundle.json} plus {@code heads/<task>.onnx}. */
public final class BundleWriter {
    static final String HEADS = "heads/";
    public static final String NER_TASK = "ner";

    private BundleWriter() {}

    /**
     * @param encoder the encoder the heads were trained on, which the bundle runs
     * @param trainedOn that encoder's identity, recorded with each head
     * @param ner the NER head, or null for none
     * @param summarization the summarizer settings, or null for none
     */
    public static BundleManifest write(
            Path dir,
            EncoderSpec encoder,
            EncoderIdentity trainedOn,
            List<TrainedClassifier> classifiers,
            TrainedNer ner,
            SummarizationSpec summarization)
            throws IOException {
        return write(dir, encoder, trainedOn, classifiers, List.of(), ner, summarization);
    }

    /** As {@link #write(Path, EncoderSpec, EncoderIdentity, List, TrainedNer, SummarizationSpec)}, with classification heads shipped as weights. */
    public static BundleManifest write(
            Path dir,
            EncoderSpec encoder,
            EncoderIdentity trainedOn,
            List<TrainedClassifier> classifiers,
            List<ShippedHead> shipped,
            TrainedNer ner,
            SummarizationSpec summarization)
            throws IOException {
        List<ClassificationSpec> specs = new ArrayList<>();
        for (TrainedClassifier c : classifiers) {
            String path = HEADS + c.task() + ".onnx";
            HeadGraphWriter.write(c.task(), c.head().hiddenLayer(), c.head().outputLayer(), dir.resolve(path));
            specs.add(ClassificationSpec.head(c.task(), path, c.head().labels(), trainedOn));
        }
        for (ShippedHead h : shipped) {
            if (!h.encoder().equals(encoder.builtin())) {
                // the embeddings of another encoder mean nothing to the head, whatever their width
                throw new IllegalArgumentException("head '" + h.task() + "' was trained on encoder '" + h.encoder()
                        + "', the bundle's encoder is '" + encoder.builtin() + "'");
            }
            String path = HEADS + h.task() + ".onnx";
            h.copyTo(dir.resolve(path));
            specs.add(ClassificationSpec.head(h.task(), path, h.labels(), h.trainedOn()));
        }
        NerSpec nerSpec = null;
        if (ner != null) {
            String path = HEADS + NER_TASK + ".onnx";
            HeadGraphWriter.write(NER_TASK, ner.head().hiddenLayer(), ner.head().outputLayer(), dir.resolve(path));
            nerSpec = NerSpec.head(path, ner.head().labels(), ner.contextWindow(), ner.orthographic(), trainedOn);
        }
        BundleManifest manifest = new BundleManifest(encoder, specs, nerSpec, summarization);
        manifest.write(dir);
        return manifest;
    }
}
