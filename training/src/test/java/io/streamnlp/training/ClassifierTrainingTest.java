package io.streamnlp.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamnlp.bundle.BuiltinEncoder;
import io.streamnlp.bundle.EncoderSpec;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.training.data.LabeledText;
import io.streamnlp.training.heads.ProgressListener;
import io.streamnlp.training.heads.TrainingConfig;
import io.streamnlp.training.heads.TrainingEncoders;
import io.streamnlp.training.seed.SeedCorpus;
import io.streamnlp.training.seed.Split;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClassifierTrainingTest {
    private static final SeedCorpus SEED = SeedCorpus.bundled();
    private static final List<LabeledText> TRAIN =
            SEED.classification("moderation", Split.TRAIN).subList(0, 40);
    private static final List<LabeledText> DEV =
            SEED.classification("moderation", Split.DEV).subList(0, 10);

    @Test
    void aHeadOnMiniLmLearnsFromEachTextAtFp32AndAtInt8AndIsScoredAtFp32() {
        TrainedClassifier trained = train(BuiltinEncoder.ALL_MINILM_L6_V2);

        assertEquals(2 * TRAIN.size(), trained.trainFeatures().size(), "each training text once per twin");
        assertEquals(DEV.size(), trained.dev().n(), "the dev set once, on the primary");
    }

    @Test
    void aHeadOnE5LearnsFromEachTextOnce() {
        TrainedClassifier trained = train(BuiltinEncoder.E5_SMALL_V2);

        assertEquals(TRAIN.size(), trained.trainFeatures().size());
        assertEquals(DEV.size(), trained.dev().n());
    }

    private static TrainedClassifier train(BuiltinEncoder encoder) {
        try (TrainingEncoders encoders = TrainingEncoders.open(
                EncoderSpec.builtin(encoder), null, InferenceOptions.defaults(), ProgressListener.NONE)) {
            return new ClassifierTraining(
                            encoders, TrainingConfig.classification().withSeed(42), ProgressListener.NONE)
                    .train("moderation", TRAIN, DEV);
        }
    }
}
