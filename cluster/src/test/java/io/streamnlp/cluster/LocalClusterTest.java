package io.streamnlp.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
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

/** The cluster's processes come up, survive kill -9 of a part, and none is left behind. */
@Timeout(600)
class LocalClusterTest {
    @TempDir
    Path workDir;

    @Test
    void startsReplacesKilledPartsAndLeavesNoProcessBehind() throws Exception {
        ClusterSpec spec = ClusterSpec.laptop(workDir, Path.of(System.getProperty("user.home"), ".streamnlp"), 0);
        List<ClusterStatus.Entry> processes;
        try (LocalCluster cluster = LocalCluster.start(spec)) {
            ClusterStatus status = ClusterStatus.read(workDir).orElseThrow();
            assertThat(status.processes()).extracting(ClusterStatus.Entry::name).containsExactly(
                    "schema-registry", "kafka-1", "kafka-2", "kafka-3", "jobmanager", "taskmanager-1", "taskmanager-2");
            assertThat(cluster.flink().rest().overview().path("slots-total").asInt()).isEqualTo(4);
            assertThat(status.bootstrapServers()).matches("(127\\.0\\.0\\.1:\\d+,){2}127\\.0\\.0\\.1:\\d+");

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("replicated", 4, (short) 3))).all().get(60, TimeUnit.SECONDS);
                assertThat(admin.describeTopics(List.of("replicated")).allTopicNames().get().get("replicated").partitions())
                        .allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            }

            ManagedProcess killed = cluster.killTaskManager(0);
            assertThat(killed.isAlive()).isFalse();
            ManagedProcess replacement = cluster.startTaskManager(2);
            assertThat(replacement.name()).isEqualTo("taskmanager-3");

            cluster.killBroker(2);
            cluster.restartBroker(2);
            assertThat(cluster.kafka().process(2).isAlive()).isTrue();

            processes = ClusterStatus.read(workDir).orElseThrow().processes();
            assertThat(processes).extracting(ClusterStatus.Entry::name)
                    .contains("taskmanager-3", "kafka-2").doesNotContain("taskmanager-1");
        }
        assertThat(processes).allSatisfy(p -> assertThat(p.isAlive(workDir)).as(p.name()).isFalse());
        assertThat(Files.exists(workDir.resolve(ClusterStatus.FILE_NAME))).isFalse();
        assertThat(workDir.resolve("checkpoints")).isDirectory();
    }

    @Test
    void downStopsADetachedClusterFromItsStatusFile() {
        ClusterSpec spec = new ClusterSpec(workDir, Path.of(System.getProperty("user.home"), ".streamnlp"), 1, 1, 0,
                TaskManagerResources.laptop());
        LocalCluster cluster = LocalCluster.start(spec);
        cluster.detach();
        ClusterStatus status = ClusterStatus.read(workDir).orElseThrow();
        assertThat(status.processes()).allSatisfy(p -> assertThat(p.isAlive(workDir)).isTrue());

        List<String> stopped = status.stop(Duration.ofSeconds(20));

        assertThat(stopped).hasSize(status.processes().size());
        assertThat(status.processes()).allSatisfy(p -> assertThat(p.isAlive(workDir)).isFalse());
        assertThat(ClusterStatus.read(workDir)).isEmpty();
    }
}
