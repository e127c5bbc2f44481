package io.streamnlp.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarGzArchiveTest {
    @TempDir
    Path dir;

    @Test
    void extractsFilesWithLongNamesAndDirectories() throws IOException {
        String longName = "apicurio/" + "lib/".repeat(30) + "registry-runner.jar";
        Path archive = archive(tar -> {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.putArchiveEntry(new TarArchiveEntry("apicurio/"));
            tar.closeArchiveEntry();
            add(tar, "apicurio/README", "hello");
            add(tar, longName, "jar bytes");
        });

        TarGzArchive.extract(archive, dir.resolve("out"));

        assertTrue(Files.isDirectory(dir.resolve("out/apicurio")));
        assertEquals("hello", Files.readString(dir.resolve("out/apicurio/README")));
        assertEquals("jar bytes", Files.readString(dir.resolve("out").resolve(longName)));
    }

    @Test
    void refusesEntriesThatEscapeTheTarget() throws IOException {
        Path archive = archive(tar -> add(tar, "../escaped", "x"));

        IOException e = assertThrows(IOException.class, () -> TarGzArchive.extract(archive, dir.resolve("out")));

        assertTrue(e.getMessage().contains("escapes the target directory"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("escaped")));
    }

    private interface Entries {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    private Path archive(Entries entries) throws IOException {
        Path archive = dir.resolve("test.tar.gz");
        try (OutputStream file = Files.newOutputStream(archive);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
            entries.write(tar);
        }
        return archive;
    }

    private static void add(TarArchiveOutputStream tar, String name, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }
}
