package io.streamnlp.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Writers in separate JVMs share one store: the file lock, not only the JVM's lock, must order them. */
@Timeout(120)
class CrossProcessRegistrationTest {

    private static final int PER_WRITER = 4;

    @TempDir
    Path temp;

    @Test
    void writersInTwoProcessesAndThisOneGetDistinctVersions() throws Exception {
        Path root = temp.resolve("registry");
        Path bundle = TestModels.bundle(temp.resolve("bundle"), "x");
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            processes.add(new ProcessBuilder(
                            javaExecutable(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            RegisterInAnotherProcess.class.getName(),
                            root.toString(),
                            bundle.toString(),
                            Integer.toString(PER_WRITER))
                    .redirectErrorStream(true)
                    .start());
        }
        try {
            ModelStore store = ModelStore.open(root);
            for (int i = 0; i < PER_WRITER; i++) {
                store.register("support", bundle, RegistrationRequest.builder().build());
            }
            for (Process process : processes) {
                assertTrue(process.waitFor(90, TimeUnit.SECONDS), "second JVM finished");
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(0, process.exitValue(), output);
            }
            Set<Integer> expected = new TreeSet<>();
            IntStream.rangeClosed(1, 3 * PER_WRITER).forEach(expected::add);
            assertEquals(expected, new TreeSet<>(store.model("support").versions()));
            for (ModelVersion version : store.versions("support")) {
                assertTrue(store.verify(version.reference()).sound(), version.toString());
            }
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
