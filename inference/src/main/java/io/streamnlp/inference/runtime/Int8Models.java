package io.streamnlp.inference.runtime;

import io.streamnlp.bundle.Digests;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * int8 copies of fp32 ONNX files, made once by {@link DynamicInt8Quantizer} and kept in the model cache
 * directory under the source's SHA-256 and the quantization scheme, so that every later load of the same
 * file reuses them and a changed file or scheme gets a fresh copy.
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
     * The int8 copy of {@code fp32File}, quantized now if the cache has none; {@code fp32File} itself when
     * it has no weight MatMul to quantize (an export that is already quantized, say).
     *
     * @throws InferenceException if the file cannot be read, parsed or quantized, or the copy not written
     */
    public static Path of(Path fp32File, Path cacheDir) {
        String name = fp32File.getFileName().toString();
        String stem = name.endsWith(".onnx") ? name.substring(0, name.length() - ".onnx".length()) : name;
        String key = Digests.hex((Digests.ofFile(fp32File).sha256() + " " + DynamicInt8Quantizer.SCHEME)
                        .getBytes(StandardCharsets.UTF_8))
                .substring(0, 16);
        Path dir = cacheDir.resolve(DIRECTORY).resolve(key);
        Path target = dir.resolve(stem + "-int8.onnx");
        Path unchanged = dir.resolve(stem + ".unchanged");
        if (Files.isRegularFile(target)) {
            return target;
        }
        if (Files.isRegularFile(unchanged)) {
            return fp32File;
        }
        DynamicInt8Quantizer.Result result = DynamicInt8Quantizer.quantize(OnnxGraphs.read(fp32File));
        try {
            Files.createDirectories(dir);
            if (result.quantizedMatMuls() == 0) {
                Files.writeString(unchanged, fp32File + " has no fp32 weight MatMul to quantize\n");
                return fp32File;
            }
            // written under a temporary name and renamed, so that concurrent JVMs never load a partial file
            Path tmp = Files.createTempFile(dir, stem, ".part");
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    result.model().writeTo(out);
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new InferenceException(
                    "cannot write the int8 copy of " + fp32File + " to " + dir + ": " + e.getMessage(), e);
        }
        LOG.info("quantized {} to int8 ({} MatMuls): {}", fp32File, result.quantizedMatMuls(), target);
        return target;
    }
}
