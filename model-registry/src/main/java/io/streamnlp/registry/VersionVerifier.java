package io.streamnlp.registry;

import io.streamnlp.bundle.Digests;
import io.streamnlp.bundle.FileDigest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Checks a version directory wherever it lies (in a store, downloaded, or fetched by a job that
 * follows an alias): the manifest's digest, every file's size and SHA-256, no unlisted files,
 * the artifacts' structure, and finally the {@link ModelLoadCheck}.
 */
public final class VersionVerifier {

    private final ModelLoadCheck loadCheck;

    public VersionVerifier(ModelLoadCheck loadCheck) {
        this.loadCheck = Objects.requireNonNull(loadCheck, "loadCheck");
    }

    /**
     * @param expectedDigest the digest the version is known by (from the store, an event or a
     *     ModelRef), or null to check the files against the manifest alone
     * @return every problem found, empty when the version is sound
     */
    public List<String> verify(Path versionDir, String expectedDigest) {
        List<String> problems = new ArrayList<>();
        Path manifestFile = versionDir.resolve(ModelManifest.FILE_NAME);
        byte[] manifestBytes;
        try {
            manifestBytes = Files.readAllBytes(manifestFile);
        } catch (IOException e) {
            return List.of("cannot read " + ModelManifest.FILE_NAME + ": " + e.getMessage());
        }
        String digest = Digests.versionDigest(manifestBytes);
        if (expectedDigest != null && !expectedDigest.equals(digest)) {
            problems.add(ModelManifest.FILE_NAME + " digest is " + digest + ", expected " + expectedDigest);
        }
        ModelManifest manifest;
        try {
            manifest = ManifestCodec.read(manifestBytes);
        } catch (RegistryException e) {
            problems.add(e.getMessage());
            return problems;
        }
        checkFiles(versionDir, manifest.files(), problems);
        if (!problems.isEmpty()) {
            return problems;
        }
        try {
            checkLabels(ArtifactInspector.inspect(versionDir, manifest.format()), manifest, problems);
        } catch (RegistryException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        try {
            loadCheck.check(versionDir, manifest);
        } catch (InvalidModelException e) {
            // the check refused what the version records (a quality bound), not the artifacts
            problems.add(e.getMessage());
        } catch (Exception e) {
            problems.add("model does not load: " + e.getMessage());
        }
        return problems;
    }

    /** The manifest's labels must still be those the artifacts declare: serving reports them by index. */
    private static void checkLabels(ArtifactDescription artifacts, ModelManifest manifest, List<String> problems) {
        for (String task : manifest.tasks()) {
            List<String> declared = artifacts.format() == ModelFormat.HF_ONNX
                    ? artifacts.modelLabels().orElse(List.of())
                    : artifacts.labels().getOrDefault(task, List.of());
            List<String> recorded = manifest.labelsOf(task);
            if (!declared.isEmpty() && !declared.equals(recorded)) {
                problems.add("task '" + task + "': manifest records labels " + recorded + ", the artifacts declare "
                        + declared);
            }
        }
    }

    private static void checkFiles(Path dir, Map<String, FileDigest> expected, List<String> problems) {
        for (Map.Entry<String, FileDigest> entry : expected.entrySet()) {
            Path file;
            try {
                file = ArtifactPaths.resolveInside(dir, entry.getKey());
            } catch (InvalidModelException e) {
                problems.add(e.getMessage());
                continue;
            }
            if (!Files.isRegularFile(file)) {
                problems.add("missing file " + entry.getKey());
                continue;
            }
            FileDigest actual = Digests.ofFile(file);
            if (!actual.equals(entry.getValue())) {
                problems.add("file " + entry.getKey() + " has sha256 " + actual.sha256() + " (" + actual.size()
                        + " bytes), manifest says " + entry.getValue().sha256() + " ("
                        + entry.getValue().size() + " bytes)");
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(path -> !Files.isDirectory(path))
                    .map(path -> dir.relativize(path).toString().replace('\\', '/'))
                    .filter(name -> !name.equals(ModelManifest.FILE_NAME) && !expected.containsKey(name))
                    .sorted()
                    .forEach(name -> problems.add("unexpected file " + name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
