package io.streamnlp.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A version's bundle files are copied without the registry's records about the version. */
class VersionFilesTest {

    @TempDir
    Path temp;

    @Test
    void copiesTheBundleWithoutRegistryFilesOrSkippedOnes() throws IOException {
        Path version = temp.resolve("version");
        for (String file : List.of(
                "bundle.json",
                "heads/a.onnx",
                "heads/b.onnx",
                "tasks/x/config.json",
                VersionFiles.MANIFEST,
                VersionFiles.REFERENCE_PROFILE,
                VersionFiles.RECORDS_DIRECTORY + "/1.json")) {
            Files.createDirectories(version.resolve(file).getParent());
            Files.writeString(version.resolve(file), file);
        }
        Path target = temp.resolve("target");

        VersionFiles.copyBundle(version, target, List.of("heads/b.onnx"));

        try (Stream<Path> files = Files.walk(target)) {
            assertEquals(
                    List.of("bundle.json", "heads/a.onnx", "tasks/x/config.json"),
                    files.filter(Files::isRegularFile)
                            .map(f -> target.relativize(f).toString().replace('\\', '/'))
                            .sorted()
                            .toList());
        }
        assertEquals("heads/a.onnx", Files.readString(target.resolve("heads/a.onnx")));
    }
}
