package io.streamnlp.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Directory chores shared by the model store, its HTTP server and client, and the bundle writers. */
public final class FileTrees {

    private FileTrees() {}

    /** Deletes a file or a directory tree; links are removed, never followed. Absent or null is fine. */
    public static void deleteRecursively(Path path) {
        if (path == null || !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }

    /**
     * Creates {@code dir} if absent; refuses one that already holds anything, so nothing is overwritten.
     *
     * @throws DirectoryNotEmptyException if {@code dir} holds anything
     */
    public static void requireEmptyDirectory(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new DirectoryNotEmptyException(dir.toString());
                }
            }
        }
        Files.createDirectories(dir);
    }
}
