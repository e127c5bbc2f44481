package io.streamnlp.inference.encoder;

import io.streamnlp.bundle.BuiltinEncoder;
import io.streamnlp.bundle.BundleManifest;
import io.streamnlp.bundle.Digests;
import io.streamnlp.bundle.EncoderIdentity;
import io.streamnlp.bundle.EncoderSpec;
import io.streamnlp.bundle.Pooling;
import io.streamnlp.inference.runtime.InferenceException;
import io.streamnlp.inference.runtime.Int8Models;
import io.streamnlp.inference.runtime.Precision;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * An encoder ready to load: where its ONNX file and tokenizer.json are on disk and how its output
 * is read. Built-in encoders live inside a jar on the class path; ONNX Runtime needs a file (a 90 MB
 * byte array per session would be wasteful), so they are copied once into the model cache directory
 * and reused while their size matches.
 *
 * @param model the ONNX file ONNX Runtime loads
 * @param source the file whose weights heads are trained on: {@code model} itself, or the fp32 file that
 *     {@code model} is the int8 copy of
 * @param tokenizer the tokenizer.json
 * @param maxLength tokens per text, special tokens included
 * @param pooling how token states become the sentence embedding
 * @param textPrefix what goes before every text, as the model was trained (empty for none)
 * @param builtin the built-in encoder these files are a twin of, or null for a file of a bundle
 */
public record EncoderFiles(
        Path model,
        Path source,
        Path tokenizer,
        int maxLength,
        Pooling pooling,
        String textPrefix,
        BuiltinEncoder builtin) {

    /** The built-in fp32 all-MiniLM-L6-v2, copied into {@code cacheDir} if not there yet. */
    public static EncoderFiles builtinMiniLm(Path cacheDir, int maxLength) {
        return builtinMiniLm(cacheDir, maxLength, Precision.FP32);
    }

    /** The built-in all-MiniLM-L6-v2 at a precision, copied into {@code cacheDir} if not there yet. */
    public static EncoderFiles builtinMiniLm(Path cacheDir, int maxLength, Precision precision) {
        BuiltinEncoder miniLm = BuiltinEncoder.ALL_MINILM_L6_V2;
        return builtin(miniLm, cacheDir, maxLength, precision, miniLm.pooling());
    }

    /**
     * A built-in encoder at a precision, copied into {@code cacheDir} if not there yet. An encoder whose fp32
     * export ships serves int8 from its {@link Int8Models quantized copy}, so heads trained on one twin read
     * either; an encoder that ships its int8 export only runs it at either precision.
     */
    public static EncoderFiles builtin(
            BuiltinEncoder encoder, Path cacheDir, int maxLength, Precision precision, Pooling pooling) {
        boolean twins = encoder.hasTwins();
        String resource = encoder.resource(!twins).orElseThrow();
        String artifact = encoder.artifact(!twins).orElseThrow();
        Path dir = cacheDir.resolve(encoder.id());
        Path source = extract(resource + ".onnx", artifact, dir);
        return new EncoderFiles(
                twins ? Int8Models.at(precision, source, cacheDir) : source,
                source,
                extract(resource + "-tokenizer.json", artifact, dir),
                maxLength,
                pooling,
                encoder.textPrefix(),
                encoder);
    }

    /** The encoder a bundle names, at fp32 (the precision heads are trained on). */
    public static EncoderFiles of(EncoderSpec spec, Path bundleDir, Path cacheDir) {
        return of(spec, bundleDir, cacheDir, Precision.FP32);
    }

    /**
     * The encoder a bundle names at {@code precision}: built in, or a file inside the bundle (at int8 its
     * quantized copy; a file that is quantized already runs as shipped).
     */
    public static EncoderFiles of(EncoderSpec spec, Path bundleDir, Path cacheDir, Precision precision) {
        if (spec.builtin() != null) {
            return builtin(BuiltinEncoder.of(spec.builtin()), cacheDir, spec.maxLength(), precision, spec.pooling());
        }
        Path source = BundleManifest.resolve(bundleDir, spec.path());
        return new EncoderFiles(
                Int8Models.at(precision, source, cacheDir),
                source,
                BundleManifest.resolve(bundleDir, spec.tokenizer()),
                spec.maxLength(),
                spec.pooling(),
                "",
                null);
    }

    /**
     * What a head trained on this encoder records: a built-in's training twin, or the SHA-256 of a
     * bundle's encoder file (read in full, so ask only when a head needs it).
     */
    public EncoderIdentity identity() {
        if (builtin != null) {
            return EncoderIdentity.of(builtin, pooling);
        }
        return new EncoderIdentity(
                source.getFileName().toString(),
                Digests.PREFIX + Digests.ofFile(source).sha256(),
                pooling);
    }

    private static Path extract(String resource, String artifact, Path dir) {
        URL url = EncoderFiles.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new InferenceException(
                    "class-path resource '" + resource + "' not found: add " + artifact + " to the class path");
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
