package io.streamnlp.registry.http;

import io.streamnlp.registry.ArtifactPaths;
import io.streamnlp.registry.InvalidModelException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Packs versions into zip archives and unpacks uploaded zip, tar and tar.gz archives. Unpacking
 * trusts nothing: only regular files and directories, every name checked by {@link ArtifactPaths},
 * sizes and entry counts bounded by {@link UploadLimits}.
 */
public final class ModelArchives {

    private ModelArchives() {}

    /** Writes {@code files} (archive name to file) as a zip. */
    public static void writeZip(Map<String, Path> files, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        for (Map.Entry<String, Path> file : files.entrySet()) {
            zip.putNextEntry(new ZipEntry(file.getKey()));
            Files.copy(file.getValue(), zip);
            zip.closeEntry();
        }
        zip.finish();
    }

    /** Zips every regular file under {@code dir}, by its relative path. */
    public static void zipDirectory(Path dir, OutputStream out, Map<String, byte[]> extraEntries) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted()::iterator) {
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String name = ArtifactPaths.relativeName(dir, path);
                if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    throw new InvalidModelException("artifact " + name + " is not a regular file (links are refused)");
                }
                zip.putNextEntry(new ZipEntry(name));
                Files.copy(path, zip);
                zip.closeEntry();
            }
        }
        for (Map.Entry<String, byte[]> extra : extraEntries.entrySet()) {
            zip.putNextEntry(new ZipEntry(ArtifactPaths.requireSafe(extra.getKey())));
            zip.write(extra.getValue());
            zip.closeEntry();
        }
        zip.finish();
    }

    /**
     * Unpacks a zip, tar or gzip-compressed tar (recognised by its first bytes) into the empty
     * directory {@code target}. Returns the directory that holds the model: {@code target}, or its
     * only subdirectory when the archive wraps everything in one top-level folder.
     */
    public static Path extract(InputStream archive, Path target, UploadLimits limits) throws IOException {
        InputStream in = new BufferedInputStream(archive);
        in.mark(512);
        byte[] head = in.readNBytes(4);
        in.reset();
        try (ArchiveInputStream<?> entries = open(in, head)) {
            long unpacked = 0;
            int count = 0;
            for (ArchiveEntry entry; (entry = entries.getNextEntry()) != null; ) {
                if (++count > limits.maxEntries()) {
                    throw UploadRejectedException.tooLarge("archive has more than " + limits.maxEntries() + " entries");
                }
                String name = entryName(entry);
                if (name.isEmpty()) {
                    continue;
                }
                Path destination = resolve(target, name);
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                    continue;
                }
                requireRegularFile(entry, name);
                Files.createDirectories(destination.getParent());
                long budget = limits.maxUnpackedBytes() - unpacked;
                try (OutputStream out = Files.newOutputStream(destination, StandardOpenOption.CREATE_NEW)) {
                    unpacked += copyBounded(entries, out, budget, limits.maxUnpackedBytes());
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    throw UploadRejectedException.invalid("archive holds '" + name + "' twice");
                }
            }
            if (count == 0) {
                throw UploadRejectedException.invalid("archive is empty");
            }
        }
        return singleTopLevelDirectory(target);
    }

    private static ArchiveInputStream<?> open(InputStream in, byte[] head) throws IOException {
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return new ZipArchiveInputStream(in);
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return new TarArchiveInputStream(new GzipCompressorInputStream(in));
        }
        if (head.length == 0) {
            throw UploadRejectedException.invalid("empty upload: expected a zip, tar or tar.gz archive");
        }
        byte[] tarHeader = peek(in, 512);
        if (tarHeader.length < 512 || !TarArchiveInputStream.matches(tarHeader, tarHeader.length)) {
            throw UploadRejectedException.invalid("upload is not a zip, tar or tar.gz archive");
        }
        return new TarArchiveInputStream(in);
    }

    private static byte[] peek(InputStream in, int length) throws IOException {
        in.mark(length);
        byte[] bytes = in.readNBytes(length);
        in.reset();
        return bytes;
    }

    private static String entryName(ArchiveEntry entry) {
        String name = entry.getName();
        while (name.startsWith("./")) {
            name = name.substring(2);
        }
        if (name.equals(".")) {
            return "";
        }
        return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }

    private static Path resolve(Path target, String name) {
        try {
            return ArtifactPaths.resolveInside(target, name);
        } catch (InvalidModelException e) {
            throw UploadRejectedException.invalid("archive entry refused: " + e.getMessage());
        }
    }

    private static void requireRegularFile(ArchiveEntry entry, String name) {
        boolean regular;
        if (entry instanceof TarArchiveEntry tar) {
            regular = tar.isFile() && !tar.isLink() && !tar.isSymbolicLink();
        } else if (entry instanceof ZipArchiveEntry zip) {
            regular = !zip.isUnixSymlink();
        } else {
            regular = false;
        }
        if (!regular) {
            throw UploadRejectedException.invalid(
                    "archive entry '" + name + "' is not a regular file (links are refused)");
        }
    }

    private static long copyBounded(InputStream in, OutputStream out, long budget, long limit) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long copied = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            copied += n;
            if (copied > budget) {
                throw UploadRejectedException.tooLarge("archive unpacks to more than " + limit + " bytes");
            }
            out.write(buffer, 0, n);
        }
        return copied;
    }

    private static Path singleTopLevelDirectory(Path target) throws IOException {
        try (Stream<Path> children = Files.list(target)) {
            List<Path> all = children.toList();
            if (all.size() == 1 && Files.isDirectory(all.get(0), LinkOption.NOFOLLOW_LINKS)) {
                return all.get(0);
            }
        }
        return target;
    }
}
