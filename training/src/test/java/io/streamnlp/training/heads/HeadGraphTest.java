package io.streamnlp.training.heads;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamnlp.bundle.HeadGraphWriter;
import io.streamnlp.inference.runtime.DenseOnnxModel;
import io.streamnlp.inference.runtime.FloatMatrix;
import io.streamnlp.inference.runtime.InferenceOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The exported graph, run by ONNX Runtime through DJL, computes what the Java head computes. */
@Timeout(120)
class HeadGraphTest {
    @TempDir
    Path dir;

    @Test
    void linearHeadMatchesInOnnxRuntime() throws Exception {
        HeadTrainerTest.Data d = HeadTrainerTest.blobs(20, 9);
        Head head = new HeadTrainer(new TrainingConfig(10, 8, 0.05, 0, 0, 0, 0, 0, 0, false, 1), ProgressListener.NONE)
                .train("t", d.x, d.y);
        assertSameOutputs(head, d.x.subList(0, 12));
    }

    @Test
    void hiddenLayerHeadMatchesInOnnxRuntime() throws Exception {
        HeadTrainerTest.Data d = HeadTrainerTest.blobs(20, 10);
        Head head = new HeadTrainer(new TrainingConfig(10, 8, 0.01, 0, 0, 6, 0, 0, 0, false, 1), ProgressListener.NONE)
                .train("t", d.x, d.y);
        assertSameOutputs(head, d.x.subList(0, 12));
    }

    private void assertSameOutputs(Head head, List<float[]> rows) throws Exception {
        Path file = dir.resolve("head.onnx");
        HeadGraphWriter.write("test", head.hiddenLayer(), head.outputLayer(), file);
        InferenceOptions options =
                InferenceOptions.builder().intraOpThreads(1).modelCacheDir(dir).build();
        try (DenseOnnxModel model = DenseOnnxModel.load(file, HeadGraphWriter.INPUT, HeadGraphWriter.OUTPUT, options)) {
            FloatMatrix out = model.apply(FloatMatrix.ofRows(rows.toArray(float[][]::new), head.inputDim()));
            assertEquals(rows.size(), out.rows());
            assertEquals(head.labels().size(), out.cols());
            for (int i = 0; i < rows.size(); i++) {
                float[] expected = head.probabilities(rows.get(i));
                for (int j = 0; j < expected.length; j++) {
                    assertEquals(expected[j], out.get(i, j), 1e-5, "row " + i + " label " + j);
                }
            }
        }
    }
}
