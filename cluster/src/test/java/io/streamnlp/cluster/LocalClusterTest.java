package io.streamnlp.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster's processes come up, a killed TaskManager is replaced, a killed broker rejoins, and once
 * detached (as {@code cluster up} leaves it) the status file is enough to stop every process.
 */
@Timeout(600)
class LocalClusterTest {
    @TempDir
    Path workDir;

    @Test
    void startsReplacesKilledPartsAndStopsFromItsStatusFile() throws Exception {
        ClusterSpec spec = ClusterSpec.laptop(workDir, Path.of(System.getProperty("user.home"), ".streamnlp"), 0);
        LocalCluster cluster = LocalCluster.start(spec);
        String victim;
        String replacement;
        try {
            ClusterStatus started = ClusterStatus.read(workDir).orElseThrow();
            assertThat(started.processes())
                    .extracting(ClusterStatus.Entry::name)
                    .contains("schema-registry", "kafka-1", "kafka-2", "kafka-3", "jobmanager")
                    .filteredOn(name -> name.startsWith("taskmanager-"))
                    .hasSize(2);
            assertThat(cluster.flink().rest().overview().path("slots-total").asInt())
                    .isEqualTo(4);
            try (Admin admin =
                    Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("replicated", 4, (short) 3)))
                        .all()
                        .get(60, TimeUnit.SECONDS);
                assertThat(admin.describeTopics(List.of("replicated"))
                                .allTopicNames()
                                .get()
                                .get("replicated")
                                .partitions())
                        .allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            }

            victim = cluster.flink().taskManagers().stream()
                    .filter(ManagedProcess::isAlive)
                    .findFirst()
                    .orElseThrow()
                    .name();
            assertThat(cluster.killTaskManager(victim).isAlive()).isFalse();
            replacement = cluster.startTaskManager(2).name();
            assertThat(cluster.killBroker(2).isAlive()).isFalse();
            assertThat(cluster.restartBroker(2).isAlive()).isTrue();
            cluster.detach();
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }

        ClusterStatus status = ClusterStatus.read(workDir).orElseThrow();
        assertThat(status.processes())
                .extracting(ClusterStatus.Entry::name)
                .contains(replacement, "kafka-2")
                .doesNotContain(victim);
        assertThat(status.processes())
                .allSatisfy(p -> assertThat(p.isAlive(workDir)).as(p.name()).isTrue());

        List<String> stopped = status.stop(Duration.ofSeconds(20));

        assertThat(stopped).hasSize(status.processes().size());
        assertThat(status.processes())
                .allSatisfy(p -> assertThat(p.isAlive(workDir)).as(p.name()).isFalse());
        assertThat(ClusterStatus.read(workDir)).isEmpty();
        assertThat(workDir.resolve("checkpoints")).isDirectory();
    }
}
