package io.streamnlp.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real Apicurio Registry (Confluent-compatible API at {@value #CCOMPAT_PATH}) as a child {@code java} process
 * on a free 127.0.0.1 port, with in-memory storage.
 *
 * <p>The distribution is the {@code io.apicurio:apicurio-registry-app:<version>:tar.gz:all} artifact that the
 * local-stack build fetches into the local Maven repository. It is extracted once into
 * {@code $STREAMNLP_HOME/apicurio/<version>} (default {@code ~/.streamnlp}); extraction goes through a temp
 * directory and an atomic rename, so concurrent JVMs are safe.
 *
 * <p>Overrides (system property, else environment variable):
 * <ul>
 *   <li>{@code streamnlp.apicurio.version} / {@code STREAMNLP_APICURIO_VERSION} (default: the build's, 3.0.9)</li>
 *   <li>{@code streamnlp.apicurio.tarball} / {@code STREAMNLP_APICURIO_TARBALL}: path of the {@code -all.tar.gz}</li>
 *   <li>{@code streamnlp.m2.repo} / {@code STREAMNLP_M2_REPO}: local Maven repository (default: the build's)</li>
 *   <li>{@code streamnlp.home} / {@code STREAMNLP_HOME}</li>
 *   <li>{@code streamnlp.apicurio.java.opts} / {@code STREAMNLP_APICURIO_JAVA_OPTS}</li>
 *   <li>{@code streamnlp.apicurio.startup.timeout.s} / {@code STREAMNLP_APICURIO_STARTUP_TIMEOUT_S} (default 180: a first start on a busy 2-core machine can take over a minute)</li>
 *   <li>{@code streamnlp.keep.logs} / {@code STREAMNLP_KEEP_LOGS}: keep the registry log after a clean close</li>
 * </ul>
 *
 * <p>The process is always cleaned up: {@link #close()} stops it (SIGTERM, then forcibly), a JVM shutdown hook
 * does the same, and a watchdog inside the child halts it when this JVM disappears without running hooks.
 */
public final class ApicurioRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApicurioRegistry.class);

    public static final String DEFAULT_VERSION = "3.0.9";
    public static final String CCOMPAT_PATH = "/apis/ccompat/v7";
    public static final String DEFAULT_JAVA_OPTS = "-Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";
    private static final int LOG_TAIL_LINES = 30;
    private static final int PORT_ATTEMPTS = 3;

    private final String version;
    private final int port;
    private final Process process;
    private final Path logFile;
    private final Path workDir;
    private final boolean keepLogs;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private ApicurioRegistry(String version, int port, Process process, Path logFile, Path workDir, boolean keepLogs) {
        this.version = version;
        this.port = port;
        this.process = process;
        this.logFile = logFile;
        this.workDir = workDir;
        this.keepLogs = keepLogs;
        this.shutdownHook = new Thread(this::cleanUp, "apicurio-registry-shutdown-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a registry with the default settings (see class doc). */
    public static ApicurioRegistry start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The Confluent-compatible base URL, {@code http://127.0.0.1:<port>/apis/ccompat/v7}: use as {@code schema.registry.url}. */
    public String confluentUrl() {
        return baseUrl() + CCOMPAT_PATH;
    }

    public int port() {
        return port;
    }

    public String version() {
        return version;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        return !closed && process.isAlive();
    }

    /** The registry's stdout/stderr. */
    public Path logFile() {
        return logFile;
    }

    /** Stops the process (SIGTERM, then forcibly after 10 s). Idempotent. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // JVM already shutting down: the hook runs
        }
        cleanUp();
    }

    private void cleanUp() {
        stopProcess();
        Settings.deleteRecursively(workDir);
        if (!keepLogs) {
            try {
                Files.deleteIfExists(logFile);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    private void stopProcess() {
        if (!process.isAlive()) return;
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "ApicurioRegistry[" + version + ", " + confluentUrl() + ", pid " + process.pid() + "]";
    }

    /** Settings of a registry to start; every one defaults as the class doc says. */
    public static final class Builder {
        private String version = Settings.get(
                "streamnlp.apicurio.version",
                "STREAMNLP_APICURIO_VERSION",
                Settings.build("apicurio.version") != null ? Settings.build("apicurio.version") : DEFAULT_VERSION);
        private Path tarball;
        private Path home = Settings.home();
        private int port;
        private Duration startupTimeout = Duration.ofSeconds(Long.parseLong(
                Settings.get("streamnlp.apicurio.startup.timeout.s", "STREAMNLP_APICURIO_STARTUP_TIMEOUT_S", "180")));
        private List<String> javaOptions = Arrays.asList(
                Settings.get("streamnlp.apicurio.java.opts", "STREAMNLP_APICURIO_JAVA_OPTS", DEFAULT_JAVA_OPTS)
                        .trim()
                        .split("\\s+"));
        private final Map<String, String> properties = new LinkedHashMap<>();
        private boolean keepLogs =
                Boolean.parseBoolean(Settings.get("streamnlp.keep.logs", "STREAMNLP_KEEP_LOGS", "false"));

        private Builder() {
            // Allow tests to delete subjects; in-memory storage is the default of the distribution.
            properties.put("apicurio.rest.deletion.artifact.enabled", "true");
            properties.put("apicurio.rest.deletion.artifact-version.enabled", "true");
            properties.put("apicurio.rest.deletion.group.enabled", "true");
        }

        public Builder version(String version) {
            this.version = version;
            return this;
        }

        /** The {@code apicurio-registry-app-<v>-all.tar.gz}; default: found in the local Maven repository. */
        public Builder tarball(Path tarball) {
            this.tarball = tarball;
            return this;
        }

        /** Where the distribution is extracted and logs are written; default {@code $STREAMNLP_HOME}. */
        public Builder home(Path home) {
            this.home = home;
            return this;
        }

        /** A fixed port; 0 (default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = timeout;
            return this;
        }

        /** JVM options of the child, replacing {@value #DEFAULT_JAVA_OPTS}. */
        public Builder javaOptions(List<String> options) {
            this.javaOptions = List.copyOf(options);
            return this;
        }

        /** An extra {@code -Dkey=value} for the registry (Quarkus / Apicurio configuration). */
        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        public Builder keepLogs(boolean keepLogs) {
            this.keepLogs = keepLogs;
            return this;
        }

        /**
         * Starts the registry and waits until {@code /health/ready} answers.
         *
         * @throws LocalStackException when the distribution is missing or the registry does not become ready in time;
         *     the message carries the last lines of its log
         */
        public ApicurioRegistry start() {
            Path dist = install(version, tarball, home);
            Path runner = runnerJar(dist);
            Path logDir = home.resolve("logs");
            LocalStackException last = null;
            for (int attempt = 1; attempt <= (port == 0 ? PORT_ATTEMPTS : 1); attempt++) {
                int p = port == 0 ? freePort() : port;
                try {
                    return startOnce(dist, runner, logDir, p);
                } catch (PortTakenException e) {
                    last = e;
                    LOG.warn("Port {} was taken before Apicurio bound it; retrying on another port", p);
                }
            }
            throw last;
        }

        private ApicurioRegistry startOnce(Path dist, Path runner, Path logDir, int p) {
            Path logFile;
            Path workDir;
            try {
                Files.createDirectories(logDir);
                logFile = logDir.resolve("apicurio-" + version + "-" + p + "-" + System.currentTimeMillis() + ".log");
                workDir = Files.createTempDirectory("streamnlp-apicurio-");
            } catch (IOException e) {
                throw new LocalStackException(
                        "Cannot create the Apicurio log or work directory under " + logDir + ": " + e, e);
            }
            List<String> cmd = new ArrayList<>();
            cmd.add(javaExecutable());
            cmd.addAll(javaOptions);
            cmd.add("-Dquarkus.http.host=127.0.0.1");
            cmd.add("-Dquarkus.http.port=" + p);
            properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
            Path watchdogDir = watchdogClasses(home);
            String mainClass = mainClass(runner);
            if (watchdogDir != null && mainClass != null) {
                cmd.add("-cp");
                cmd.add(runner + java.io.File.pathSeparator + watchdogDir);
                cmd.add(ParentWatchdog.class.getName());
                cmd.add(Long.toString(ProcessHandle.current().pid()));
                cmd.add(mainClass);
            } else {
                cmd.add("-jar");
                cmd.add(runner.toString());
            }
            long t0 = System.nanoTime();
            Process process;
            try {
                process = new ProcessBuilder(cmd)
                        .directory(workDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(logFile.toFile())
                        .start();
            } catch (IOException e) {
                Settings.deleteRecursively(workDir);
                throw new LocalStackException(
                        "Cannot start the Apicurio registry (" + String.join(" ", cmd) + "): " + e, e);
            }
            ApicurioRegistry registry = new ApicurioRegistry(version, p, process, logFile, workDir, keepLogs);
            try {
                waitReady(registry, t0);
            } catch (RuntimeException e) {
                registry.abort();
                throw e;
            }
            LOG.info(
                    "Apicurio Registry {} ready at {} in {} ms (pid {}, log {})",
                    version,
                    registry.confluentUrl(),
                    (System.nanoTime() - t0) / 1_000_000,
                    process.pid(),
                    logFile);
            return registry;
        }

        private void waitReady(ApicurioRegistry registry, long t0) {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(1))
                    .build();
            HttpRequest ready = HttpRequest.newBuilder(URI.create(registry.baseUrl() + "/health/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .GET()
                    .build();
            long deadline = t0 + startupTimeout.toNanos();
            while (true) {
                if (!registry.process.isAlive()) {
                    String tail = tail(registry.logFile, LOG_TAIL_LINES);
                    registry.abort();
                    String msg = "Apicurio Registry " + version + " exited with code " + registry.process.exitValue()
                            + " before it was ready on port " + registry.port + ". Log " + registry.logFile
                            + ", last lines:\n" + tail;
                    if (tail.contains("Port already bound") || tail.contains("Address already in use")) {
                        throw new PortTakenException(msg);
                    }
                    throw new LocalStackException(msg);
                }
                try {
                    HttpResponse<Void> r = http.send(ready, HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) return;
                } catch (ConnectException | java.net.http.HttpTimeoutException e) {
                    // not listening yet
                } catch (IOException e) {
                    // not ready yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    registry.abort();
                    throw new LocalStackException("Interrupted while waiting for the Apicurio registry to start", e);
                }
                if (System.nanoTime() > deadline) {
                    String tail = tail(registry.logFile, LOG_TAIL_LINES);
                    registry.abort();
                    throw new LocalStackException(
                            "Apicurio Registry " + version + " was not ready on " + registry.baseUrl()
                                    + "/health/ready within " + startupTimeout.toSeconds()
                                    + " s (raise streamnlp.apicurio.startup.timeout.s"
                                    + " on a slow machine). Log " + registry.logFile + ", last lines:\n" + tail);
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    registry.abort();
                    throw new LocalStackException("Interrupted while waiting for the Apicurio registry to start", e);
                }
            }
        }
    }

    /** Stops the process after a failed start, keeping the log that the exception message points at. */
    private void abort() {
        if (closed) return;
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // shutting down: the hook runs
        }
        stopProcess();
        Settings.deleteRecursively(workDir);
    }

    private static final class PortTakenException extends LocalStackException {
        private static final long serialVersionUID = 1L;

        PortTakenException(String message) {
            super(message);
        }
    }

    // ---------------------------------------------------------------------------------------------- installation

    /** The {@code -all.tar.gz} in the local Maven repository (or the override), whether or not it exists. */
    public static Path defaultTarball(String version) {
        String override = Settings.get("streamnlp.apicurio.tarball", "STREAMNLP_APICURIO_TARBALL", null);
        if (override != null) return Paths.get(override);
        String built = Settings.build("m2.repository");
        String repo = Settings.get(
                "streamnlp.m2.repo",
                "STREAMNLP_M2_REPO",
                built != null
                        ? built
                        : Paths.get(System.getProperty("user.home"), ".m2", "repository")
                                .toString());
        return Paths.get(
                repo,
                "io",
                "apicurio",
                "apicurio-registry-app",
                version,
                "apicurio-registry-app-" + version + "-all.tar.gz");
    }

    /**
     * Makes sure the distribution is extracted under {@code home/apicurio/<version>} and returns that directory.
     *
     * @param tarball the archive, or null for {@link #defaultTarball(String)}
     */
    public static Path install(String version, Path tarball, Path home) {
        Path dist = home.resolve("apicurio").resolve(version);
        if (Files.isDirectory(dist) && findRunnerJar(dist) != null) return dist;
        Path archive = tarball != null ? tarball : defaultTarball(version);
        if (!Files.isRegularFile(archive)) {
            throw new LocalStackException(
                    "Apicurio Registry " + version + " distribution not found at " + archive
                            + ". Fetch it with `./mvnw -pl local-stack generate-resources` (maven-dependency-plugin:2.8:get of"
                            + " io.apicurio:apicurio-registry-app:" + version
                            + ":tar.gz:all), or point -Dstreamnlp.apicurio.tarball"
                            + " (STREAMNLP_APICURIO_TARBALL) at the archive, or -Dstreamnlp.m2.repo at the Maven repository holding it.");
        }
        Path tmp = null;
        try {
            Files.createDirectories(dist.getParent());
            if (Files.exists(dist)) { // incomplete leftover: move it aside, never extract into it
                Files.move(
                        dist,
                        dist.resolveSibling(".broken-" + version + "-" + System.nanoTime()),
                        StandardCopyOption.ATOMIC_MOVE);
            }
            tmp = Files.createTempDirectory(dist.getParent(), ".extract-" + version + "-");
            long t0 = System.nanoTime();
            TarGzArchive.extract(archive, tmp);
            if (findRunnerJar(tmp) == null) {
                throw new LocalStackException(
                        "The archive " + archive + " holds no Apicurio runner jar; delete it and fetch it again.");
            }
            try {
                Files.move(tmp, dist, StandardCopyOption.ATOMIC_MOVE);
                LOG.info(
                        "Extracted Apicurio Registry {} into {} in {} ms",
                        version,
                        dist,
                        (System.nanoTime() - t0) / 1_000_000);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                LOG.debug("Another process extracted {} first", dist);
            }
        } catch (IOException e) {
            if (Files.isDirectory(dist) && findRunnerJar(dist) != null) return dist;
            throw new LocalStackException("Cannot extract " + archive + " into " + dist + ": " + e, e);
        } finally {
            if (tmp != null) Settings.deleteRecursively(tmp);
        }
        if (findRunnerJar(dist) == null) throw new LocalStackException("No Apicurio runner jar in " + dist);
        return dist;
    }

    private static Path runnerJar(Path dist) {
        Path jar = findRunnerJar(dist);
        if (jar == null)
            throw new LocalStackException(
                    "No Apicurio runner jar in " + dist + "; delete the directory to re-extract.");
        return jar;
    }

    private static Path findRunnerJar(Path dist) {
        if (!Files.isDirectory(dist)) return null;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dist, "*-runner.jar")) {
            for (Path p : ds) return p;
        } catch (IOException e) {
            return null;
        }
        for (Path p : List.of(
                dist.resolve("quarkus-run.jar"), dist.resolve("quarkus-app").resolve("quarkus-run.jar"))) {
            if (Files.isRegularFile(p)) return p;
        }
        return null;
    }

    private static String mainClass(Path jar) {
        try (JarFile jf = new JarFile(jar.toFile())) {
            return jf.getManifest() == null
                    ? null
                    : jf.getManifest().getMainAttributes().getValue("Main-Class");
        } catch (IOException e) {
            return null;
        }
    }

    /** Copies {@link ParentWatchdog}'s class file to {@code home/apicurio/watchdog-<hash>}; null if not possible. */
    private static Path watchdogClasses(Path home) {
        String resource = ParentWatchdog.class.getName().replace('.', '/') + ".class";
        try (InputStream in = ApicurioRegistry.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) return null;
            byte[] bytes = in.readAllBytes();
            String hash = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))
                    .substring(0, 16);
            Path dir = home.resolve("apicurio").resolve("watchdog-" + hash);
            Path file = dir.resolve(resource);
            if (!Files.isRegularFile(file) || Files.size(file) != bytes.length) {
                writeAtomically(bytes, file);
            }
            return dir;
        } catch (IOException | NoSuchAlgorithmException | UncheckedIOException e) {
            LOG.debug("No parent watchdog for the registry process: {}", e.toString());
            return null;
        }
    }

    private static void writeAtomically(byte[] bytes, Path target) throws IOException {
        Path tmp = Files.createTempFile(Files.createDirectories(target.getParent()), ".tmp-", ".part");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String javaExecutable() {
        boolean windows = System.getProperty("os.name", "").toLowerCase().contains("win");
        return Paths.get(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java")
                .toString();
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new LocalStackException("Cannot find a free port on 127.0.0.1: " + e, e);
        }
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            try {
                String s = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                String[] parts = s.split("\n");
                return String.join("\n", Arrays.asList(parts).subList(Math.max(0, parts.length - lines), parts.length));
            } catch (IOException e2) {
                return "(log " + file + " unreadable: " + e2 + ")";
            }
        }
    }
}
