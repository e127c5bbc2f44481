package io.streamnlp.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fresh folder per demo run, so a demo's retrains never touch the user's own registry. */
final class DemoHome {
    private DemoHome() {}

    static Path fresh() {
        String home = System.getenv("STREAMNLP_HOME");
        Path base = (home == null || home.isBlank()
                        ? Path.of(System.getProperty("user.home"), ".streamnlp")
                        : Path.of(home))
                .resolve("demo");
        try {
            Files.createDirectories(base);
            return Files.createTempDirectory(base, "run-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a demo folder under " + base, e);
        }
    }
}
