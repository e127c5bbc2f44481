package io.streamnlp.registry;

import io.streamnlp.bundle.Digests;
import io.streamnlp.bundle.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Gives a job the files of the exact version an event or a {@code ModelRef} names (name,
 * version, digest), checked byte for byte before anything loads them. From a local store the
 * version's own directory is used in place; from a remote registry it is downloaded once into a
 * cache directory, keyed by digest, and reused while it stays sound.
 */
public final class VersionFetcher {

    private final ModelRegistry registry;
    private final ModelStore localStore;
    private final Path cacheDir;
    private final VersionVerifier verifier = new VersionVerifier(ModelLoadCheck.STRUCTURE_ONLY);

    private VersionFetcher(ModelRegistry registry, ModelStore localStore, Path cacheDir) {
        this.registry = registry;
        this.localStore = localStore;
        this.cacheDir = cacheDir;
    }

    /** Fetches from a store on a file system this process reads directly. */
    public static VersionFetcher local(ModelStore store) {
        return new VersionFetcher(store, store, null);
    }

    /** Fetches from any registry (typically a {@code RemoteModelRegistry}) into {@code cacheDir}. */
    public static VersionFetcher caching(ModelRegistry registry, Path cacheDir) {
        return new VersionFetcher(
                Objects.requireNonNull(registry, "registry"),
                null,
                Objects.requireNonNull(cacheDir, "cacheDir").toAbsolutePath().normalize());
    }

    /**
     * @param expectedDigest the {@code sha256:<hex>} the version is known by
     * @return the version and a directory holding exactly its files and manifest, verified
     * @throws InvalidModelException if the registry's version has another digest or its files do not match
     */
    public FetchedVersion fetch(String name, int version, String expectedDigest) {
        Objects.requireNonNull(expectedDigest, "expectedDigest");
        ModelVersion resolved = registry.resolve(ModelReference.ofVersion(name, version));
        if (!resolved.digest().equals(expectedDigest)) {
            throw new InvalidModelException(
                    resolved.reference() + " has digest " + resolved.digest() + ", expected " + expectedDigest);
        }
        Path dir = localStore != null ? localStore.directory(resolved) : cached(resolved);
        requireSound(resolved, dir);
        return new FetchedVersion(resolved, dir);
    }

    private Path cached(ModelVersion version) {
        Path target = cacheDir.resolve(version.name())
                .resolve(version.version() + "-" + version.digest().substring(Digests.PREFIX.length()));
        if (Files.isDirectory(target)
                && verifier.verify(target, version.digest()).isEmpty()) {
            return target;
        }
        Path partial = target.resolveSibling("." + target.getFileName() + "-" + UUID.randomUUID());
        try {
            Files.createDirectories(target.getParent());
            registry.download(version.reference(), partial);
            FileTrees.deleteRecursively(target);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            // another fetcher of the same version won the rename; its copy is checked below like ours
        } catch (IOException e) {
            throw new UncheckedIOException("cannot place " + version.reference() + " in " + cacheDir, e);
        } finally {
            FileTrees.deleteRecursively(partial);
        }
        return target;
    }

    private void requireSound(ModelVersion version, Path dir) {
        List<String> problems = verifier.verify(dir, version.digest());
        if (!problems.isEmpty()) {
            throw new InvalidModelException(
                    version.reference() + " at " + dir + " is not sound: " + String.join("; ", problems));
        }
    }

    /** A version and the verified directory that holds it; treat the files as read-only. */
    public record FetchedVersion(ModelVersion version, Path directory) {}
}
