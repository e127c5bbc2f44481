package io.streamnlp.cli.cluster;

import io.streamnlp.cluster.FlinkRest;
import io.streamnlp.flink.EnrichmentJob;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.training.bundle.DefaultBundle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The enrichment job as a cluster runs it: its properties file (the cluster's addresses, a model registry
 * on the cluster's disk) and its submission as the shaded job jar through the REST API, as {@code flink run} does.
 */
public final class JobOnCluster {
    public static final String PROPERTIES_FILE = "job.properties";

    private JobOnCluster() {}

    /**
     * Makes the cluster ready for the job: its topics, the default model as {@code default@champion} in a
     * model registry under the cluster's directory, and {@code job.properties}; returns that file.
     */
    public static Path prepare(
            Path workDir, String bootstrapServers, String schemaRegistryUrl, Map<String, String> overrides) {
        ProductTopics.create(bootstrapServers);
        Path registry = modelRegistry(workDir);
        DefaultBundle.ensure(ModelStore.open(registry));
        return writeProperties(workDir, bootstrapServers, schemaRegistryUrl, registry, overrides);
    }

    /** The model registry the job on this cluster reads. */
    public static Path modelRegistry(Path workDir) {
        return workDir.resolve("registry");
    }

    /**
     * Writes {@code job.properties} into the cluster's directory and returns its path. Checkpoints every
     * two seconds: the exactly-once sink commits output on checkpoints, so this is the output's latency.
     */
    static Path writeProperties(
            Path workDir,
            String bootstrapServers,
            String schemaRegistryUrl,
            Path modelRegistry,
            Map<String, String> overrides) {
        Map<String, String> values = new TreeMap<>();
        values.put("job.name", "streamnlp-enrichment");
        values.put("kafka.bootstrap.servers", bootstrapServers);
        values.put("registry.url", schemaRegistryUrl);
        values.put("model.registry.dir", modelRegistry.toString());
        values.put("model.ref", "default@champion");
        values.put("checkpoint.interval-ms", "2000");
        // slots x intra-op threads <= cores: two slots per TaskManager on a laptop
        values.put("inference.intra-op-threads", "1");
        values.putAll(overrides);
        Properties properties = new Properties();
        properties.putAll(values);
        Path file = workDir.resolve(PROPERTIES_FILE);
        try (Writer w = Files.newBufferedWriter(file)) {
            properties.store(w, "the enrichment job on the local cluster (keys: docs/flink-job.md)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /**
     * Uploads the job jar and runs the job with {@code --config properties --parallelism N}; returns the
     * job id. The job sets its parallelism from its own configuration, so the REST parameter alone would not do.
     */
    public static String submit(FlinkRest rest, Path jobJar, Path properties, int parallelism) {
        String jarId = rest.upload(jobJar);
        return rest.run(
                jarId,
                EnrichmentJob.class.getName(),
                List.of("--config", properties.toString(), "--parallelism", Integer.toString(parallelism)),
                parallelism);
    }

    /** The shaded job jar that the build made ({@code flink-job/target/*-job.jar}). */
    public static Path builtJobJar() {
        Properties p = new Properties();
        try (InputStream in = JobOnCluster.class.getResourceAsStream("job-jar.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String jar = p.getProperty("job.jar", "");
        if (jar.isEmpty() || jar.contains("${") || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("no shaded job jar at '" + jar + "': build it with"
                    + " ./mvnw -pl cli,flink-job -am package -DskipTests, or pass --job-jar");
        }
        return Path.of(jar).normalize();
    }
}
