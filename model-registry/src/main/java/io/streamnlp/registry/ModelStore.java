package io.streamnlp.registry;

import com.fasterxml.jackson.core.type.TypeReference;
import io.streamnlp.bundle.Digests;
import io.streamnlp.bundle.FileDigest;
import io.streamnlp.bundle.FileTrees;
import io.streamnlp.schemas.avro.ModelEventType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model registry in a directory. Layout:
 * <pre>
 * ROOT/.staging/                      versions being assembled (same file system, so the final rename is atomic)
 * ROOT/NAME/versions/N/manifest.json  an immutable version with its artifacts
 * ROOT/NAME/archived/N/               an archived version, moved here, never deleted
 * ROOT/NAME/aliases.json              {"champion": 3, ...}, replaced atomically
 * ROOT/NAME/.lock                     serialises writers of NAME across threads and processes
 * </pre>
 * Readers take no lock: a version directory appears by one rename and aliases.json is replaced by one.
 */
public final class ModelStore implements ModelRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ModelStore.class);

    static final String VERSIONS = "versions";
    static final String ARCHIVED = "archived";
    static final String ALIASES_FILE = "aliases.json";
    static final String LOCK_FILE = ".lock";
    static final String STAGING = ".staging";

    private static final TypeReference<TreeMap<String, Integer>> ALIAS_MAP = new TypeReference<>() {};

    private final Path root;
    private final Clock clock;
    private final ModelLoadCheck loadCheck;
    private final VersionVerifier verifier;
    private final List<ModelEventListener> listeners = new CopyOnWriteArrayList<>();

    private ModelStore(Path root, Clock clock, ModelLoadCheck loadCheck) {
        this.root = root;
        this.clock = clock;
        this.loadCheck = loadCheck;
        this.verifier = new VersionVerifier(loadCheck);
    }

    public static ModelStore open(Path root) {
        return open(root, Clock.systemUTC(), ModelLoadCheck.STRUCTURE_ONLY);
    }

    /**
     * Opens (creating if needed) a store; {@code loadCheck} is what {@link #verify} and
     * {@link #setAlias} run after the digests, and its {@link ModelLoadCheck#checkRecorded} part what
     * {@link #register} runs before storing a version.
     */
    public static ModelStore open(Path root, Clock clock, ModelLoadCheck loadCheck) {
        Path absolute = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute.resolve(STAGING));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create model registry at " + absolute, e);
        }
        return new ModelStore(absolute, Objects.requireNonNull(clock), Objects.requireNonNull(loadCheck));
    }

    public Path root() {
        return root;
    }

    public ModelStore addListener(ModelEventListener listener) {
        listeners.add(Objects.requireNonNull(listener));
        return this;
    }

    /** The directory of a version, active or archived. The files are immutable: read, never write. */
    public Path directory(ModelVersion version) {
        return versionDir(version.name(), version.version(), version.archived());
    }

    @Override
    public List<ModelSummary> list() {
        List<ModelSummary> models = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (ModelNames.isValid(name) && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) && contains(name)) {
                    models.add(summary(name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        models.sort(Comparator.comparing(ModelSummary::name));
        return models;
    }

    @Override
    public ModelSummary model(String name) {
        requireModel(name);
        return summary(name);
    }

    @Override
    public boolean contains(String name) {
        ModelNames.requireModelName(name);
        return !listVersions(name, VERSIONS).isEmpty()
                || !listVersions(name, ARCHIVED).isEmpty();
    }

    @Override
    public List<ModelVersion> versions(String name) {
        ModelSummary summary = model(name);
        List<ModelVersion> versions = new ArrayList<>();
        for (int version : summary.versions()) {
            versions.add(readVersion(name, version, false));
        }
        for (int version : summary.archivedVersions()) {
            versions.add(readVersion(name, version, true));
        }
        versions.sort(Comparator.comparingInt(ModelVersion::version));
        return versions;
    }

    @Override
    public ModelVersion resolve(ModelReference reference) {
        String name = reference.name();
        requireModel(name);
        if (reference.version() != null) {
            return findVersion(name, reference.version());
        }
        Map<String, Integer> aliases = readAliases(name);
        if (reference.alias() != null) {
            Integer version = aliases.get(reference.alias());
            if (version == null) {
                throw new ModelNotFoundException("model '" + name + "' has no alias '" + reference.alias() + "'");
            }
            return findVersion(name, version);
        }
        Integer champion = aliases.get(ModelReference.DEFAULT_ALIAS);
        if (champion != null) {
            return findVersion(name, champion);
        }
        List<Integer> active = listVersions(name, VERSIONS);
        if (active.isEmpty()) {
            throw new ModelNotFoundException("model '" + name + "' has no active version");
        }
        return readVersion(name, active.get(active.size() - 1), false);
    }

    @Override
    public ModelVersion register(String name, Path artifactDir, RegistrationRequest request) {
        ModelNames.requireModelName(name);
        Objects.requireNonNull(request, "request");
        ArtifactDescription description = request.format() == null
                ? ArtifactInspector.inspect(artifactDir)
                : ArtifactInspector.inspect(artifactDir, request.format());
        List<String> tasks = tasksOf(artifactDir, description, request);
        Map<String, List<String>> labels = labelsOf(description, request, tasks);
        if (request.parentVersion() != null) {
            // versions are never deleted, so a parent found now is still there at the rename
            requireModel(name);
            findVersion(name, request.parentVersion());
        }

        Path staging = root.resolve(STAGING).resolve(name + "-" + UUID.randomUUID());
        try {
            SortedMap<String, FileDigest> files = copyArtifacts(artifactDir, staging);
            String profileFile = writeReferenceProfile(request, staging, files);
            ModelVersion registered;
            try (ModelLock ignored = lock(name)) {
                int version = nextVersion(name);
                ModelManifest manifest = new ModelManifest(
                        ModelManifest.SCHEMA,
                        name,
                        version,
                        description.format(),
                        tasks,
                        labels,
                        description.encoder(),
                        request.metrics(),
                        profileFile,
                        request.trainingDataFingerprint(),
                        request.parentVersion(),
                        now(),
                        files);
                loadCheck.checkRecorded(manifest);
                byte[] manifestBytes = ManifestCodec.write(manifest);
                writeDurably(staging.resolve(ModelManifest.FILE_NAME), manifestBytes);
                Path target = versionDir(name, version, false);
                Files.createDirectories(target.getParent());
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                registered = new ModelVersion(name, version, Digests.versionDigest(manifestBytes), false, manifest);
            }
            LOG.info("registered {}", registered);
            publish(new RegistryEvent(
                    ModelEventType.VERSION_REGISTERED,
                    name,
                    registered.version(),
                    null,
                    null,
                    registered.digest(),
                    tasks,
                    registered.manifest().createdAt()));
            return registered;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot register " + name + " from " + artifactDir, e);
        } finally {
            deleteQuietly(staging);
        }
    }

    @Override
    public ModelVersion setAlias(String name, String alias, int version) {
        ModelNames.requireAlias(alias);
        ModelNames.requireVersion(version);
        requireModel(name);
        // outside the lock: loading a model takes seconds, and versions never change
        ModelVersion candidate = findVersion(name, version);
        List<String> problems = verifier.verify(directory(candidate), candidate.digest());
        if (!problems.isEmpty()) {
            throw new InvalidModelException(candidate.reference() + " cannot be served, so " + name + "@" + alias
                    + " stays where it is: " + String.join("; ", problems));
        }
        return moveAlias(name, alias, version);
    }

    @Override
    public ModelVersion forceAlias(String name, String alias, int version) {
        ModelNames.requireAlias(alias);
        ModelNames.requireVersion(version);
        requireModel(name);
        return moveAlias(name, alias, version);
    }

    private ModelVersion moveAlias(String name, String alias, int version) {
        ModelVersion target;
        Integer previous;
        try (ModelLock ignored = lock(name)) {
            target = findVersion(name, version);
            if (target.archived()) {
                throw new RegistryConflictException(name + ":" + version + " is archived; an alias cannot point at it");
            }
            TreeMap<String, Integer> aliases = readAliases(name);
            previous = aliases.put(alias, version);
            if (Integer.valueOf(version).equals(previous)) {
                return target;
            }
            writeAliases(name, aliases);
        }
        LOG.info("alias {}@{} -> {} (was {})", name, alias, version, previous);
        publish(new RegistryEvent(
                ModelEventType.ALIAS_SET,
                name,
                version,
                alias,
                previous,
                target.digest(),
                target.manifest().tasks(),
                now()));
        return target;
    }

    @Override
    public void removeAlias(String name, String alias) {
        ModelNames.requireAlias(alias);
        requireModel(name);
        Integer previous;
        try (ModelLock ignored = lock(name)) {
            TreeMap<String, Integer> aliases = readAliases(name);
            previous = aliases.remove(alias);
            if (previous == null) {
                throw new ModelNotFoundException("model '" + name + "' has no alias '" + alias + "'");
            }
            writeAliases(name, aliases);
        }
        LOG.info("alias {}@{} removed (was {})", name, alias, previous);
        publish(new RegistryEvent(ModelEventType.ALIAS_REMOVED, name, null, alias, previous, null, List.of(), now()));
    }

    @Override
    public ModelVersion archive(String name, int version) {
        ModelNames.requireVersion(version);
        requireModel(name);
        ModelVersion archived;
        try (ModelLock ignored = lock(name)) {
            ModelVersion current = findVersion(name, version);
            if (current.archived()) {
                return current;
            }
            List<String> pointing = new ArrayList<>();
            readAliases(name).forEach((alias, target) -> {
                if (target == version) {
                    pointing.add(alias);
                }
            });
            if (!pointing.isEmpty()) {
                throw new RegistryConflictException(name + ":" + version + " is still the target of alias(es) "
                        + String.join(", ", pointing) + "; move or remove them first");
            }
            Path target = versionDir(name, version, true);
            Files.createDirectories(target.getParent());
            Files.move(versionDir(name, version, false), target, StandardCopyOption.ATOMIC_MOVE);
            archived = new ModelVersion(name, version, current.digest(), true, current.manifest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot archive " + name + ":" + version, e);
        }
        LOG.info("archived {}", archived);
        publish(new RegistryEvent(
                ModelEventType.VERSION_ARCHIVED,
                name,
                version,
                null,
                null,
                archived.digest(),
                archived.manifest().tasks(),
                now()));
        return archived;
    }

    @Override
    public ModelVersion download(ModelReference reference, Path targetDir) {
        ModelVersion version = resolve(reference);
        Path source = directory(version);
        try {
            ArtifactPaths.requireEmptyTarget(targetDir);
            Files.copy(source.resolve(ModelManifest.FILE_NAME), targetDir.resolve(ModelManifest.FILE_NAME));
            for (String file : version.manifest().files().keySet()) {
                Path destination = ArtifactPaths.resolveInside(targetDir, file);
                Files.createDirectories(destination.getParent());
                Files.copy(ArtifactPaths.resolveInside(source, file), destination);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + version.reference() + " to " + targetDir, e);
        }
        List<String> problems = new VersionVerifier(ModelLoadCheck.STRUCTURE_ONLY).verify(targetDir, version.digest());
        if (!problems.isEmpty()) {
            throw new InvalidModelException("copy of " + version.reference() + " is not sound: " + problems);
        }
        return version;
    }

    @Override
    public VerificationReport verify(ModelReference reference) {
        ModelVersion version = resolve(reference);
        // the manifest is checked against itself: its digest is what the store, events and ModelRefs quote
        return new VerificationReport(version, verifier.verify(directory(version), null));
    }

    /** Checks an already downloaded copy of a version against the digest it is known by. */
    public VerificationReport verifyCopy(ModelVersion version, Path copy) {
        return new VerificationReport(version, verifier.verify(copy, version.digest()));
    }

    private List<String> tasksOf(Path artifactDir, ArtifactDescription description, RegistrationRequest request) {
        if (description.format() == ModelFormat.HF_ONNX) {
            if (request.tasks().isEmpty()) {
                throw new InvalidModelException(
                        "a Hugging Face ONNX export serves the task you name: give at least one task");
            }
            ArtifactInspector.requireServes(artifactDir, request.tasks());
            return request.tasks();
        }
        if (request.tasks().isEmpty()) {
            return List.copyOf(description.declaredTasks());
        }
        for (String task : request.tasks()) {
            if (!description.declaredTasks().contains(task)) {
                throw new InvalidModelException(
                        "task '" + task + "' is not in the bundle, which serves " + description.declaredTasks());
            }
        }
        return request.tasks();
    }

    private static Map<String, List<String>> labelsOf(
            ArtifactDescription description, RegistrationRequest request, List<String> tasks) {
        Map<String, List<String>> labels = new LinkedHashMap<>();
        for (String task : tasks) {
            List<String> declared = description.format() == ModelFormat.HF_ONNX
                    ? description.modelLabels().orElse(null)
                    : description.labels().get(task);
            List<String> requested = request.labels().get(task);
            if (declared != null && requested != null && !declared.equals(requested)) {
                throw new InvalidModelException("labels given for task '" + task + "' " + requested
                        + " differ from the artifacts' " + declared);
            }
            List<String> chosen = declared != null ? declared : requested;
            if (chosen != null) {
                labels.put(task, chosen);
            }
        }
        for (String task : request.labels().keySet()) {
            if (!tasks.contains(task)) {
                throw new InvalidModelException(
                        "labels given for task '" + task + "', which the version does not serve");
            }
        }
        return labels;
    }

    /** Copies every regular file, hashing on the way; symbolic links are refused so nothing outside is pulled in. */
    private static SortedMap<String, FileDigest> copyArtifacts(Path source, Path staging) throws IOException {
        SortedMap<String, FileDigest> files = new TreeMap<>();
        Files.createDirectories(staging);
        Path base = source.toAbsolutePath().normalize();
        try (Stream<Path> paths = Files.walk(base)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (path.equals(base) || Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String relative = ArtifactPaths.relativeName(base, path);
                if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    throw new InvalidModelException(
                            "artifact " + relative + " is not a regular file (links are refused)");
                }
                if (relative.equals(ModelManifest.FILE_NAME)) {
                    throw new InvalidModelException(
                            ModelManifest.FILE_NAME + " is reserved for the registry's manifest");
                }
                Path destination = ArtifactPaths.resolveInside(staging, relative);
                Files.createDirectories(destination.getParent());
                files.put(relative, copyHashing(path, destination));
            }
        }
        if (files.isEmpty()) {
            throw new InvalidModelException(source + " holds no files");
        }
        return files;
    }

    /** Hashes exactly the bytes written, and forces them to disk before the manifest that vouches for them. */
    private static FileDigest copyHashing(Path from, Path to) throws IOException {
        MessageDigest digest = Digests.sha256();
        long size;
        try (InputStream in = new DigestInputStream(Files.newInputStream(from), digest);
                FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            size = in.transferTo(Channels.newOutputStream(out));
            out.force(true);
        }
        return new FileDigest(size, HexFormat.of().formatHex(digest.digest()));
    }

    private static String writeReferenceProfile(
            RegistrationRequest request, Path staging, SortedMap<String, FileDigest> files) throws IOException {
        String name = ModelManifest.REFERENCE_PROFILE_FILE;
        if (request.referenceProfile() == null) {
            return files.containsKey(name) ? name : null;
        }
        if (files.containsKey(name)) {
            throw new InvalidModelException(
                    "the artifacts already hold " + name + "; do not pass a reference profile too");
        }
        Path file = staging.resolve(name);
        try {
            Files.write(
                    file,
                    ManifestCodec.MAPPER.writeValueAsBytes(request.referenceProfile()),
                    StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            throw new InvalidModelException("the artifacts already hold " + name, e);
        }
        files.put(name, Digests.ofFile(file));
        return name;
    }

    private int nextVersion(String name) {
        int highest = 0;
        for (String area : List.of(VERSIONS, ARCHIVED)) {
            for (int version : listVersions(name, area)) {
                highest = Math.max(highest, version);
            }
        }
        return highest + 1;
    }

    private ModelSummary summary(String name) {
        return new ModelSummary(name, readAliases(name), listVersions(name, VERSIONS), listVersions(name, ARCHIVED));
    }

    /** A model exists once it has a version; a directory left by a failed first registration does not count. */
    private void requireModel(String name) {
        if (!contains(name)) {
            throw new ModelNotFoundException("no model named '" + name + "'");
        }
    }

    private ModelVersion findVersion(String name, int version) {
        if (Files.isDirectory(versionDir(name, version, false))) {
            return readVersion(name, version, false);
        }
        if (Files.isDirectory(versionDir(name, version, true))) {
            return readVersion(name, version, true);
        }
        throw new ModelNotFoundException("model '" + name + "' has no version " + version);
    }

    private ModelVersion readVersion(String name, int version, boolean archived) {
        Path manifestFile = versionDir(name, version, archived).resolve(ModelManifest.FILE_NAME);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(manifestFile);
        } catch (NoSuchFileException e) {
            throw new ModelNotFoundException("model '" + name + "' has no version " + version);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifestFile, e);
        }
        ModelManifest manifest = ManifestCodec.read(bytes);
        if (!manifest.name().equals(name) || manifest.version() != version) {
            throw new InvalidModelException(manifestFile + " describes " + manifest.name() + ":" + manifest.version());
        }
        return new ModelVersion(name, version, Digests.versionDigest(bytes), archived, manifest);
    }

    private List<Integer> listVersions(String name, String area) {
        Path dir = root.resolve(name).resolve(area);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Integer> versions = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String file = entry.getFileName().toString();
                if (file.matches("[1-9][0-9]{0,8}") && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    versions.add(Integer.parseInt(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        versions.sort(null);
        return versions;
    }

    private TreeMap<String, Integer> readAliases(String name) {
        Path file = root.resolve(name).resolve(ALIASES_FILE);
        try {
            return ManifestCodec.MAPPER.readValue(Files.readAllBytes(file), ALIAS_MAP);
        } catch (NoSuchFileException e) {
            return new TreeMap<>();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Write to a temporary file beside it, force it to disk, then rename over: readers see old or new, never half. */
    private void writeAliases(String name, Map<String, Integer> aliases) {
        Path file = root.resolve(name).resolve(ALIASES_FILE);
        Path temp = file.resolveSibling("." + ALIASES_FILE + "-" + UUID.randomUUID());
        try {
            writeDurably(temp, ManifestCodec.MAPPER.writeValueAsBytes(aliases));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void writeDurably(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(bytes));
            channel.force(true);
        }
    }

    /** Cleanup on the way out of a failed or finished write must not hide that write's own outcome. */
    private static void deleteQuietly(Path path) {
        try {
            FileTrees.deleteRecursively(path);
        } catch (UncheckedIOException e) {
            LOG.warn("cannot clean up {}", path, e);
        }
    }

    private ModelLock lock(String name) {
        Path modelDir = root.resolve(name);
        try {
            Files.createDirectories(modelDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + modelDir, e);
        }
        return ModelLock.acquire(modelDir.resolve(LOCK_FILE));
    }

    private Path versionDir(String name, int version, boolean archived) {
        return root.resolve(ModelNames.requireModelName(name))
                .resolve(archived ? ARCHIVED : VERSIONS)
                .resolve(Integer.toString(ModelNames.requireVersion(version)));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private void publish(RegistryEvent event) {
        for (ModelEventListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.error("model event listener failed on {}", event, e);
            }
        }
    }
}
