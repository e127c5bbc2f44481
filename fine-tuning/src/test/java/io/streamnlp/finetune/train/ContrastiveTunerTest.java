package io.streamnlp.finetune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.streamnlp.finetune.TestEncoder;
import io.streamnlp.finetune.TinyData;
import io.streamnlp.finetune.model.BertEncoder;
import io.streamnlp.finetune.model.EncoderConfig;
import io.streamnlp.finetune.model.EncoderTokenizer;
import io.streamnlp.finetune.model.PairSimilarity;
import io.streamnlp.finetune.onnx.OnnxEncoderWeights;
import io.streamnlp.inference.encoder.EncoderFiles;
import io.streamnlp.training.data.LabeledText;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(300)
class ContrastiveTunerTest {

    @Test
    void pairsAlternateBetweenOneLabelAndTwoAndRepeat() {
        List<ContrastiveTuner.Pair> pairs = ContrastiveTuner.pairs(TinyData.TRAIN, 40, new Random(3));

        assertEquals(40, pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
            ContrastiveTuner.Pair p = pairs.get(i);
            assertNotEquals(p.first(), p.second(), "a text paired with itself");
            boolean sameLabel = TinyData.TRAIN
                    .get(p.first())
                    .label()
                    .equals(TinyData.TRAIN.get(p.second()).label());
            assertEquals(i % 2 == 0, sameLabel, "pair " + i);
            assertEquals(sameLabel ? 1f : 0f, p.similarity());
        }
        assertEquals(pairs, ContrastiveTuner.pairs(TinyData.TRAIN, 40, new Random(3)));
    }

    @Test
    void oneLabelIsRefused() {
        List<LabeledText> oneLabel =
                TinyData.TRAIN.stream().filter(t -> t.label().equals("billing")).toList();
        assertThrows(IllegalArgumentException.class, () -> ContrastiveTuner.pairs(oneLabel, 4, new Random(1)));
    }

    @Test
    void trainingPullsTextsOfOneLabelTogetherAndPushesTheOthersApart() throws Exception {
        EncoderFiles files = TestEncoder.files();
        OnnxEncoderWeights base = OnnxEncoderWeights.read(files.model());
        try (Model model = Model.newInstance("contrastive-test", Device.cpu(), "PyTorch");
                EncoderTokenizer tokenizer = EncoderTokenizer.load(files.tokenizer(), 32)) {
            model.setBlock(
                    new PairSimilarity(BertEncoder.pretrained(EncoderConfig.MINILM_L6, base, model.getNDManager())));
            double before = margin(model, tokenizer);

            new ContrastiveTuner(8, 8, 1f, 7, TrainingProgress.silent()).train(model, tokenizer, TinyData.TRAIN);

            double after = margin(model, tokenizer);
            assertTrue(after > before + 0.02, "same-label minus other-label cosine: " + before + " -> " + after);
        }
    }

    /** Mean cosine of the training texts' same-label pairs minus that of their other-label pairs. */
    private static double margin(Model model, EncoderTokenizer tokenizer) {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        List<Boolean> same = new ArrayList<>();
        for (int i = 0; i < TinyData.TRAIN.size(); i++) {
            for (int j = i + 1; j < TinyData.TRAIN.size(); j++) {
                first.add(TinyData.TRAIN.get(i).text());
                second.add(TinyData.TRAIN.get(j).text());
                same.add(TinyData.TRAIN
                        .get(i)
                        .label()
                        .equals(TinyData.TRAIN.get(j).label()));
            }
        }
        try (NDManager m = model.getNDManager().newSubManager()) {
            NDList inputs = tokenizer.encode(first).toNDList(m);
            inputs.addAll(tokenizer.encode(second).toNDList(m));
            float[] cosines = model.getBlock()
                    .forward(new ParameterStore(m, false), inputs, false)
                    .singletonOrThrow()
                    .toFloatArray();
            double sameSum = 0;
            double otherSum = 0;
            int sameCount = 0;
            for (int k = 0; k < cosines.length; k++) {
                if (same.get(k)) {
                    sameSum += cosines[k];
                    sameCount++;
                } else {
                    otherSum += cosines[k];
                }
            }
            return sameSum / sameCount - otherSum / (cosines.length - sameCount);
        }
    }
}
