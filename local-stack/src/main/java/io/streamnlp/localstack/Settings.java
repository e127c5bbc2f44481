package io.streamnlp.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Properties;

/** Run-time settings of the local stack: system property first, then environment variable, then build-time default. */
final class Settings {
    private static final Properties BUILD = load();

    private Settings() {}

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Settings.class.getResourceAsStream("local-stack.properties")) {
            if (in != null) p.load(in);
        } catch (IOException ignored) {
            // defaults below
        }
        return p;
    }

    static String get(String property, String env, String fallback) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) v = System.getenv(env);
        if (v == null || v.isBlank()) v = fallback;
        return v;
    }

    /** A value the build wrote, or null when the resource was not filtered. */
    static String build(String key) {
        String v = BUILD.getProperty(key);
        return v == null || v.isBlank() || v.contains("${") ? null : v.trim();
    }

    /** {@code $STREAMNLP_HOME}, default {@code ~/.streamnlp}. */
    static Path home() {
        return Paths.get(get(
                "streamnlp.home",
                "STREAMNLP_HOME",
                Paths.get(System.getProperty("user.home"), ".streamnlp").toString()));
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) return;
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    try {
                        Files.delete(file);
                    } catch (NoSuchFileException ignored) {
                        // gone already
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    try {
                        Files.delete(d);
                    } catch (NoSuchFileException ignored) {
                        // gone already
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
