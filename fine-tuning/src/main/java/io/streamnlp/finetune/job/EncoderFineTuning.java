package io.streamnlp.finetune.job;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.streamnlp.finetune.model.BertEncoder;
import io.streamnlp.finetune.model.EncoderConfig;
import io.streamnlp.finetune.model.EncoderTokenizer;
import io.streamnlp.finetune.model.SentenceClassifier;
import io.streamnlp.finetune.model.TokenClassifier;
import io.streamnlp.finetune.onnx.OnnxEncoderWeights;
import io.streamnlp.finetune.train.FineTuneConfig;
import io.streamnlp.finetune.train.FineTuneConfig.Setting;
import io.streamnlp.finetune.train.FineTuneTask;
import io.streamnlp.finetune.train.FineTuner;
import io.streamnlp.finetune.train.SchedulePicker;
import io.streamnlp.finetune.train.SequenceClassificationTask;
import io.streamnlp.finetune.train.TokenClassificationTask;
import io.streamnlp.finetune.train.TrainingProgress;
import io.streamnlp.inference.encoder.EncoderFiles;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.training.data.LabeledText;
import io.streamnlp.training.data.TaggedSentence;
import io.streamnlp.training.metrics.ClassificationReport;
import io.streamnlp.training.metrics.NerReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

/**
 * Fine-tunes the built-in all-MiniLM-L6-v2, starting from its pretrained weights, together with a new
 * task head on examples in memory. What {@code streamnlp train --fine-tune} and the retraining job
 * share; they differ in where the result goes (a bundle of its own, or one task of a larger bundle).
 */
public final class EncoderFineTuning {

    private static final String ENGINE = "PyTorch";
    /** Read by libgomp when libtorch loads, so it can only be set from outside the JVM. */
    private static final String OMP_WAIT_POLICY = "OMP_WAIT_POLICY";

    private final InferenceOptions options;
    private final TrainingProgress progress;

    public EncoderFineTuning(InferenceOptions options, TrainingProgress progress) {
        this.options = options;
        this.progress = progress;
    }

    /**
     * @param labels the head's labels in output order; every training label must be one of them
     * @throws IllegalArgumentException if the data is empty or has a label outside {@code labels}
     */
    public FineTunedModel<ClassificationReport> classification(
            List<LabeledText> train, List<LabeledText> dev, List<String> labels, FineTuneConfig config)
            throws IOException {
        return train(
                config,
                train.stream().map(LabeledText::text).toList(),
                (encoder, tokenizer, manager) -> new SequenceClassificationTask(
                        SentenceClassifier.withNewHead(encoder, labels, config.seed(), manager),
                        tokenizer,
                        train,
                        dev));
    }

    /**
     * @param labels IOB2 labels in output order, e.g. {@link TokenClassificationTask#labelsOf}
     * @throws IllegalArgumentException if the data is empty or has a tag outside {@code labels}
     */
    public FineTunedModel<NerReport> ner(
            List<TaggedSentence> train, List<TaggedSentence> dev, List<String> labels, FineTuneConfig config)
            throws IOException {
        return train(
                config,
                train.stream().map(TaggedSentence::text).toList(),
                (encoder, tokenizer, manager) -> new TokenClassificationTask(
                        TokenClassifier.withNewHead(encoder, labels, config.seed(), manager), tokenizer, train, dev));
    }

    private <R> FineTunedModel<R> train(FineTuneConfig requested, List<String> trainTexts, TaskFactory<R> factory)
            throws IOException {
        if (!"PASSIVE".equalsIgnoreCase(System.getenv(OMP_WAIT_POLICY))) {
            progress.message("note: " + OMP_WAIT_POLICY + " is not PASSIVE; on a busy machine libtorch's OpenMP threads"
                    + " spin and training runs several times slower (export " + OMP_WAIT_POLICY + "=PASSIVE)");
        }
        FineTuneConfig config = pickMaxLength(requested, trainTexts);
        EncoderFiles base = EncoderFiles.builtinMiniLm(options.modelCacheDir(), config.maxLength());
        OnnxEncoderWeights weights = OnnxEncoderWeights.read(base.model());
        try (Model model = Model.newInstance("fine-tune", trainingDevice(), ENGINE);
                EncoderTokenizer tokenizer = EncoderTokenizer.load(base.tokenizer(), config.maxLength())) {
            BertEncoder encoder = BertEncoder.pretrained(EncoderConfig.MINILM_L6, weights, model.getNDManager());
            FineTuneTask<R> task = factory.create(encoder, tokenizer, model.getNDManager());
            model.setBlock(task.block());
            return new FineTunedModel<>(
                    new FineTuner(config, progress).train(model, task), base, weights, config.maxLength());
        }
    }

    /**
     * {@code config} with the max length chosen from the training texts' token counts when it is to be
     * picked: before the data is tokenized for training, which truncates at the max length.
     */
    private FineTuneConfig pickMaxLength(FineTuneConfig config, List<String> trainTexts) throws IOException {
        if (!config.picked().contains(Setting.MAX_LENGTH)) {
            return config;
        }
        Path tokenizerJson = EncoderFiles.builtinMiniLm(options.modelCacheDir(), EncoderConfig.MINILM_L6.maxPositions())
                .tokenizer();
        try (EncoderTokenizer untruncated =
                EncoderTokenizer.load(tokenizerJson, EncoderConfig.MINILM_L6.maxPositions())) {
            int[] counts = Arrays.stream(untruncated.tokenize(trainTexts))
                    .mapToInt(e -> e.getIds().length)
                    .toArray();
            EnumSet<Setting> rest = EnumSet.copyOf(config.picked());
            rest.remove(Setting.MAX_LENGTH);
            return config.withMaxLength(SchedulePicker.maxLength(counts, FineTuneConfig.DEFAULT_MAX_LENGTH))
                    .withPicked(rest);
        }
    }

    /**
     * The options' device when the PyTorch engine has it: a GPU needs a CUDA build of libtorch on the
     * class path in place of {@code pytorch-native-cpu}; without one, training runs on the CPU.
     */
    private Device trainingDevice() {
        Device wanted = options.djlDevice();
        if (wanted.isGpu() && Engine.getEngine(ENGINE).getGpuCount() <= wanted.getDeviceId()) {
            progress.message("note: inference.device is " + wanted + " but the PyTorch engine sees "
                    + Engine.getEngine(ENGINE).getGpuCount()
                    + " GPU(s) (this build has pytorch-native-cpu); training on the CPU");
            return Device.cpu();
        }
        return wanted;
    }

    private interface TaskFactory<R> {
        FineTuneTask<R> create(BertEncoder encoder, EncoderTokenizer tokenizer, NDManager manager);
    }
}
