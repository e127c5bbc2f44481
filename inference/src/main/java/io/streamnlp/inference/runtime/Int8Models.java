package io.streamnlp.inference.runtime;

import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.ZooModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * int8 copies of fp32 ONNX files, made once by {@link DynamicInt8Quantizer} and kept in the model cache
 * directory under the source's SHA-256 and the quantization scheme ({@link DerivedModelFile}).
 */
public final class Int8Models {

    static final String DIRECTORY = "int8";

    private static final Logger LOG = LoggerFactory.getLogger(Int8Models.class);

    private Int8Models() {}

    /**
     * The file that runs {@code onnxFile}'s model at {@code precision}: the file itself at fp32, its {@link #of int8
     * copy} at int8. A missing file is returned as it is, for the loader to report.
     */
    public static Path at(Precision precision, Path onnxFile, Path cacheDir) {
        return precision == Precision.INT8 && Files.isRegularFile(onnxFile) ? of(onnxFile, cacheDir) : onnxFile;
    }

    /**
     * Loads {@code file}, which is {@code source} itself or the int8 copy that {@link #at} made of it. A copy that
     * ONNX Runtime cannot load (damaged in the cache) is deleted and quantized again once, so that it does not
     * fail every later load of its model until someone clears the cache.
     *
     * @throws InferenceException if the file, or the copy made again, cannot be loaded
     */
    public static ZooModel<NDList, NDList> load(Path source, Path file, InferenceOptions options) {
        if (file.equals(source)) {
            return OnnxModels.load(file, options);
        }
        // a missing execution provider is no fault of the copy: report it before remaking a good one
        OnnxModels.requireProvider(options.device());
        try {
            return OnnxModels.load(file, options);
        } catch (InferenceException e) {
            LOG.warn("cannot load {}, the int8 copy of {}; quantizing it again", file, source, e);
            OnnxModels.deleteQuietly(file);
            return OnnxModels.load(of(source, options.modelCacheDir()), options);
        }
    }

    /**
     * The int8 copy of {@code fp32File}, quantized now if the cache has none; {@code fp32File} itself when
     * it has no weight MatMul to quantize (an export that is already quantized, say).
     *
     * @throws InferenceException if the file cannot be read, parsed or quantized, or the copy not written
     */
    public static Path of(Path fp32File, Path cacheDir) {
        DerivedModelFile entry =
                DerivedModelFile.of(fp32File, cacheDir, DIRECTORY, DynamicInt8Quantizer.SCHEME, "int8");
        return entry.existing().orElseGet(() -> {
            DynamicInt8Quantizer.Result result = DynamicInt8Quantizer.quantize(OnnxGraphs.read(fp32File));
            if (result.quantizedMatMuls() == 0) {
                return entry.keepSource("no fp32 weight MatMul to quantize");
            }
            Path target = entry.write(result.model());
            LOG.info("quantized {} to int8 ({} MatMuls): {}", fp32File, result.quantizedMatMuls(), target);
            return target;
        });
    }
}
