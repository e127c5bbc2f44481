package io.streamnlp.inference.runtime;

import ai.onnx.proto.OnnxMl;
import io.streamnlp.bundle.Digests;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Where the model cache keeps a file derived from an ONNX file by a named transformation: under the source's
 * SHA-256 and the transformation's version, so every later load of the same file reuses it and a changed
 * file or transformation gets a fresh one. A marker file records that the transformation left the source as
 * it was, so that it is not tried again.
 *
 * @param source the ONNX file derived from
 * @param target where the derived file is kept
 * @param unchanged the marker kept instead when there is nothing to derive
 */
record DerivedModelFile(Path source, Path target, Path unchanged) {

    /**
     * The cache entry for {@code source} under {@code cacheDir/directory}, its file named after the source with
     * {@code suffix} ({@code model.onnx} becomes {@code model-int8.onnx}).
     */
    static DerivedModelFile of(Path source, Path cacheDir, String directory, String version, String suffix) {
        String name = source.getFileName().toString();
        String stem = name.endsWith(".onnx") ? name.substring(0, name.length() - ".onnx".length()) : name;
        String key = Digests.hex((Digests.ofFile(source).sha256() + " " + version).getBytes(StandardCharsets.UTF_8))
                .substring(0, 16);
        Path dir = cacheDir.resolve(directory).resolve(key);
        return new DerivedModelFile(
                source, dir.resolve(stem + "-" + suffix + ".onnx"), dir.resolve(stem + ".unchanged"));
    }

    /** The file to load if this entry was made before: the derived file, or the source where it was left. */
    Optional<Path> existing() {
        if (Files.isRegularFile(target)) {
            return Optional.of(target);
        }
        return Files.isRegularFile(unchanged) ? Optional.of(source) : Optional.empty();
    }

    /** Records why the source is used as it is, and returns it. */
    Path keepSource(String reason) {
        try {
            Files.createDirectories(unchanged.getParent());
            Files.writeString(unchanged, source + ": " + reason + "\n");
        } catch (IOException e) {
            throw failure(e);
        }
        return source;
    }

    /** Writes {@code model} as the derived file, and returns it. */
    Path write(OnnxMl.ModelProto model) {
        try {
            Files.createDirectories(target.getParent());
            // written under a temporary name and renamed, so that concurrent JVMs never load a partial file
            Path tmp = Files.createTempFile(
                    target.getParent(), target.getFileName().toString(), ".part");
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    model.writeTo(out);
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw failure(e);
        }
        return target;
    }

    private InferenceException failure(IOException e) {
        return new InferenceException(
                "cannot write " + target + " (derived from " + source + "): " + e.getMessage(), e);
    }
}
