package io.streamnlp.inference.runtime;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads ONNX files as DJL models on the ONNX Runtime engine with the device and thread settings of
 * {@link InferenceOptions}. The first load in a JVM logs one line naming the device and execution
 * provider.
 */
public final class OnnxModels {

    /** DJL's engine name; always explicit because the tokenizers artifact registers a second engine. */
    public static final String ENGINE = "OnnxRuntime";

    private static final String ONNX_SUFFIX = ".onnx";
    private static final Logger LOG = LoggerFactory.getLogger(OnnxModels.class);
    private static final AtomicBoolean ANNOUNCED = new AtomicBoolean();

    private OnnxModels() {}

    /**
     * Loads one ONNX file.
     *
     * @throws InferenceException if the file is missing or not a valid model, or the GPU is asked for
     *     but this ONNX Runtime build has no CUDA provider
     */
    public static ZooModel<NDList, NDList> load(Path onnxFile, InferenceOptions options) {
        if (!Files.isRegularFile(onnxFile)) {
            throw new InferenceException("ONNX model file not found: " + onnxFile);
        }
        requireProvider(options.device());
        Path served = servedFile(onnxFile, options);
        if (!served.equals(onnxFile)) {
            try {
                return loadFile(served, options);
            } catch (InferenceException e) {
                // a damaged copy in the cache must not stop a model that loads from its own file: drop it, so
                // that the next load makes it again
                LOG.warn("cannot load {}, the CPU copy of {}; loading the file itself", served, onnxFile, e);
                deleteQuietly(served);
            }
        }
        return loadFile(onnxFile, options);
    }

    private static ZooModel<NDList, NDList> loadFile(Path onnxFile, InferenceOptions options) {
        Criteria.Builder<NDList, NDList> builder = Criteria.builder().setTypes(NDList.class, NDList.class);
        String name = onnxFile.getFileName().toString();
        if (name.endsWith(ONNX_SUFFIX)) {
            // directory plus model name, because DJL warns about a model path that is a bare file
            builder.optModelPath(onnxFile.toAbsolutePath().getParent())
                    .optModelName(name.substring(0, name.length() - ONNX_SUFFIX.length()));
        } else {
            builder.optModelPath(onnxFile);
        }
        Criteria<NDList, NDList> criteria = builder.optEngine(ENGINE)
                .optDevice(options.djlDevice())
                // OrtModel reads intraOpNumThreads only when interOpNumThreads is present too: always pass both
                .optOption("interOpNumThreads", Integer.toString(options.interOpThreads()))
                .optOption("intraOpNumThreads", Integer.toString(options.intraOpThreads()))
                .build();
        try {
            ZooModel<NDList, NDList> model = criteria.loadModel();
            announce(options);
            return model;
        } catch (IOException | ModelNotFoundException | MalformedModelException e) {
            throw new InferenceException("cannot load ONNX model " + onnxFile + ": " + e.getMessage(), e);
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", file, e.getMessage());
        }
    }

    /**
     * The file ONNX Runtime loads for {@code onnxFile}: on the CPU its {@link CpuOptimizedModels fused copy},
     * elsewhere the file itself.
     */
    public static Path servedFile(Path onnxFile, InferenceOptions options) {
        return options.device() == ComputeDevice.CPU
                ? CpuOptimizedModels.of(onnxFile, options.modelCacheDir())
                : onnxFile;
    }

    /**
     * ONNX Runtime's environment, made by DJL's engine: DJL configures the environment it creates and fails
     * if one exists already, so code that uses ONNX Runtime directly asks here.
     */
    public static OrtEnvironment environment() {
        Engine.getEngine(ENGINE);
        return OrtEnvironment.getEnvironment();
    }

    /** The execution providers that this ONNX Runtime build offers. */
    public static EnumSet<OrtProvider> availableProviders() {
        return OrtEnvironment.getAvailableProviders();
    }

    static void requireProvider(ComputeDevice device) {
        if (device == ComputeDevice.GPU && !availableProviders().contains(OrtProvider.CUDA)) {
            throw new InferenceException("device=gpu needs ONNX Runtime with the CUDA execution provider"
                    + " (build with the Maven profile 'gpu'); available providers: " + availableProviders());
        }
    }

    private static void announce(InferenceOptions options) {
        if (ANNOUNCED.compareAndSet(false, true)) {
            LOG.info(
                    "ONNX Runtime {} on device {} with {} (intra-op threads {}, inter-op threads {}, predictors per model {})",
                    environment().getVersion(),
                    options.device(),
                    options.device().executionProvider(),
                    options.intraOpThreads(),
                    options.interOpThreads(),
                    options.predictors());
        }
    }
}
