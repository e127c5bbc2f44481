package io.streamnlp.flink.inference;

import java.util.List;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;

/** Waiting for an inference operator under Flink's test harness, whose mailbox stands for the task thread's. */
final class Harnesses {
    private Harnesses() {}

    /**
     * The output once {@code expected} records came out: passes run on the model thread, and each finished one
     * posts a mail that builds its records on the task thread. Blocks on the mailbox, so the test's timeout bounds it.
     */
    static <T> List<T> awaitOutput(AbstractStreamOperatorTestHarness<T> harness, int expected) throws Exception {
        while (harness.extractOutputValues().size() < expected) {
            harness.getTaskMailbox().take(TaskMailbox.MIN_PRIORITY).run();
        }
        return harness.extractOutputValues();
    }
}
