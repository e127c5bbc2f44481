package io.streamnlp.cli.demo;

import io.streamnlp.config.CommonOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fresh folder per demo run, so a demo's retrains never touch the user's own registry. */
final class DemoHome {
    private DemoHome() {}

    static Path fresh() {
        Path base = CommonOptions.streamnlpHome().resolve("demo");
        try {
            Files.createDirectories(base);
            return Files.createTempDirectory(base, "run-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a demo folder under " + base, e);
        }
    }
}
