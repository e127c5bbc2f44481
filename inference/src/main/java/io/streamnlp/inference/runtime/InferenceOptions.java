package io.streamnlp.inference.runtime;

import ai.djl.Device;
import java.nio.file.Path;

/**
 * How models run: device, ONNX Runtime thread pools, predictor pool size and where model files
 * taken from the class path are cached. Immutable and validated on construction.
 *
 * <p>ONNX Runtime sizes its intra-op pool to all cores per session by default; on a machine
 * shared with Flink task slots and Kafka that oversubscribes the CPU, so the defaults are small:
 * intra-op threads = min(cores, 4), one inter-op thread, one predictor per model.
 *
 * @param device where models run
 * @param precision numeric precision of the encoder and of Hugging Face task models ({@link Precision})
 * @param gpuId CUDA device index when {@code device} is GPU
 * @param intraOpThreads threads ONNX Runtime uses inside one operator (per session)
 * @param interOpThreads threads ONNX Runtime uses to run independent operators in parallel
 * @param predictors DJL predictors per model, i.e. how many batches one model runs at once
 * @param modelCacheDir directory for model files copied out of jars on the class path and for int8 copies
 */
public record InferenceOptions(
        ComputeDevice device,
        Precision precision,
        int gpuId,
        int intraOpThreads,
        int interOpThreads,
        int predictors,
        Path modelCacheDir) {

    static final int MAX_THREADS = 256;

    public InferenceOptions {
        if (device == null) {
            throw new InvalidOptionsException("device must not be null");
        }
        if (precision == null) {
            throw new InvalidOptionsException("precision must not be null");
        }
        requireRange("gpuId", gpuId, 0, 64);
        requireRange("intraOpThreads", intraOpThreads, 1, MAX_THREADS);
        requireRange("interOpThreads", interOpThreads, 1, MAX_THREADS);
        requireRange("predictors", predictors, 1, MAX_THREADS);
        if (modelCacheDir == null) {
            throw new InvalidOptionsException("modelCacheDir must not be null");
        }
    }

    /** Laptop defaults: CPU, int8, min(cores, 4) intra-op threads, 1 inter-op thread, 1 predictor. */
    public static InferenceOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder()
                .device(device)
                .precision(precision)
                .gpuId(gpuId)
                .intraOpThreads(intraOpThreads)
                .interOpThreads(interOpThreads)
                .predictors(predictors)
                .modelCacheDir(modelCacheDir);
    }

    /** These options with another precision (heads train on {@link Precision#FP32} features). */
    public InferenceOptions withPrecision(Precision precision) {
        return toBuilder().precision(precision).build();
    }

    /** The DJL device string for {@code Criteria.optDevice}. */
    public Device djlDevice() {
        return device == ComputeDevice.GPU ? Device.gpu(gpuId) : Device.cpu();
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidOptionsException(name + " must be in [" + min + ", " + max + "], got " + value);
        }
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private ComputeDevice device = ComputeDevice.CPU;
        /** Null until set: then the device's {@link Precision#defaultFor default}. */
        private Precision precision;

        private int gpuId;
        private int intraOpThreads = Math.min(Runtime.getRuntime().availableProcessors(), 4);
        private int interOpThreads = 1;
        private int predictors = 1;
        private Path modelCacheDir = Path.of(
                System.getProperty("java.io.tmpdir"), "streamnlp-models-" + System.getProperty("user.name", "user"));

        private Builder() {}

        public Builder device(ComputeDevice device) {
            this.device = device;
            return this;
        }

        public Builder precision(Precision precision) {
            this.precision = precision;
            return this;
        }

        public Builder gpuId(int gpuId) {
            this.gpuId = gpuId;
            return this;
        }

        public Builder intraOpThreads(int intraOpThreads) {
            this.intraOpThreads = intraOpThreads;
            return this;
        }

        public Builder interOpThreads(int interOpThreads) {
            this.interOpThreads = interOpThreads;
            return this;
        }

        public Builder predictors(int predictors) {
            this.predictors = predictors;
            return this;
        }

        public Builder modelCacheDir(Path modelCacheDir) {
            this.modelCacheDir = modelCacheDir;
            return this;
        }

        public InferenceOptions build() {
            return new InferenceOptions(
                    device,
                    precision == null ? Precision.defaultFor(device) : precision,
                    gpuId,
                    intraOpThreads,
                    interOpThreads,
                    predictors,
                    modelCacheDir);
        }
    }
}
