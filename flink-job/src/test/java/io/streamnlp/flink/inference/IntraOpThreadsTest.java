package io.streamnlp.flink.inference;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.TaskManagerOptions;
import org.junit.jupiter.api.Test;

class IntraOpThreadsTest {

    @Test
    void theTaskManagersCoresAreSharedByItsSlotsUnlessConfigured() {
        Configuration fourCoresTwoSlots = new Configuration();
        fourCoresTwoSlots.set(TaskManagerOptions.CPU_CORES, 4.0);
        fourCoresTwoSlots.set(TaskManagerOptions.NUM_TASK_SLOTS, 2);
        assertThat(IntraOpThreads.forTaskManager(null, fourCoresTwoSlots, 16)).isEqualTo(2);
        assertThat(IntraOpThreads.forTaskManager(3, fourCoresTwoSlots, 16)).isEqualTo(3);

        Configuration twoCoresFourSlots = new Configuration();
        twoCoresFourSlots.set(TaskManagerOptions.CPU_CORES, 2.0);
        twoCoresFourSlots.set(TaskManagerOptions.NUM_TASK_SLOTS, 4);
        assertThat(IntraOpThreads.forTaskManager(null, twoCoresFourSlots, 16))
                .as("never below one thread")
                .isEqualTo(1);
    }

    @Test
    void withoutConfiguredCoresTheProcessorsOfTheTaskManagersJvmCount() {
        Configuration oneSlot = new Configuration();
        oneSlot.set(TaskManagerOptions.NUM_TASK_SLOTS, 1);
        assertThat(IntraOpThreads.forTaskManager(null, oneSlot))
                .isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(IntraOpThreads.of(null, 8, 3)).isEqualTo(2);
    }

    @Test
    void aMiniClustersMillionCoresAreCappedAtTheProcessorsTheJvmSees() {
        Configuration miniCluster = new Configuration();
        miniCluster.set(TaskManagerOptions.CPU_CORES, 1_000_000.0);
        miniCluster.set(TaskManagerOptions.NUM_TASK_SLOTS, 1);
        assertThat(IntraOpThreads.forTaskManager(null, miniCluster, 2)).isEqualTo(2);
        assertThat(IntraOpThreads.forTaskManager(null, miniCluster))
                .isEqualTo(Runtime.getRuntime().availableProcessors());
    }
}
