package io.streamnlp.inference.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.nio.file.Path;
import java.util.Map;

/**
 * An ONNX graph from one float matrix {@code [N, in]} to one float matrix {@code [N, out]}, such as a
 * classification or NER head. Thread-safe.
 */
public final class DenseOnnxModel implements AutoCloseable {

    private final ZooModel<NDList, NDList> model;
    private final PredictorPool<FloatMatrix, FloatMatrix> pool;
    private final Path source;
    private final Map<String, Long> declaredWidths;

    private DenseOnnxModel(
            ZooModel<NDList, NDList> model,
            PredictorPool<FloatMatrix, FloatMatrix> pool,
            Path source,
            Map<String, Long> declaredWidths) {
        this.model = model;
        this.pool = pool;
        this.source = source;
        this.declaredWidths = declaredWidths;
    }

    /**
     * Loads a graph and names its input and output tensors.
     *
     * @throws InferenceException if the file cannot be loaded
     */
    public static DenseOnnxModel load(Path onnxFile, String inputName, String outputName, InferenceOptions options) {
        Map<String, Long> widths = OnnxGraphs.lastDimensions(onnxFile);
        // a head is one small matrix product: ONNX Runtime runs it on the calling thread, rather than
        // giving every head session a thread pool whose idle spinning takes cores from the encoder
        InferenceOptions single =
                options.toBuilder().intraOpThreads(1).interOpThreads(1).build();
        ZooModel<NDList, NDList> model = OnnxModels.load(onnxFile, single);
        try {
            PredictorPool<FloatMatrix, FloatMatrix> pool =
                    new PredictorPool<>(model, new MatrixTranslator(inputName, outputName), options.predictors());
            return new DenseOnnxModel(model, pool, onnxFile, widths);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * The last dimension of the named graph input or output as the file declares it, or -1 when the
     * graph leaves it open or has no such tensor.
     */
    public long declaredWidth(String tensorName) {
        return declaredWidths.getOrDefault(tensorName, -1L);
    }

    /** Runs the graph; an input with zero rows gives zero rows without calling ONNX Runtime. */
    public FloatMatrix apply(FloatMatrix input) {
        if (input.rows() == 0) {
            return FloatMatrix.zeros(0, 0);
        }
        try {
            return pool.predict(input);
        } catch (InferenceException e) {
            throw new InferenceException(
                    "ONNX model " + source + " failed on input " + input.rows() + "x" + input.cols() + ": "
                            + e.getMessage(),
                    e);
        }
    }

    @Override
    public void close() {
        pool.close();
        model.close();
    }

    private static final class MatrixTranslator implements NoBatchifyTranslator<FloatMatrix, FloatMatrix> {
        private final String inputName;
        private final String outputName;

        MatrixTranslator(String inputName, String outputName) {
            this.inputName = inputName;
            this.outputName = outputName;
        }

        @Override
        public NDList processInput(TranslatorContext ctx, FloatMatrix input) {
            NDArray x = ctx.getNDManager().create(input.data(), new Shape(input.rows(), input.cols()));
            x.setName(inputName);
            return new NDList(x);
        }

        @Override
        public FloatMatrix processOutput(TranslatorContext ctx, NDList list) {
            NDArray y = list.get(outputName);
            if (y == null) {
                if (list.size() != 1) {
                    throw new InferenceException("graph has no output named '" + outputName + "'");
                }
                y = list.get(0);
            }
            Shape s = y.getShape();
            if (s.dimension() != 2) {
                throw new InferenceException("expected a 2-d output, got shape " + s);
            }
            return new FloatMatrix((int) s.get(0), (int) s.get(1), y.toFloatArray());
        }
    }
}
