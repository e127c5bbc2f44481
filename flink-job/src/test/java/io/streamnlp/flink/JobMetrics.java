package io.streamnlp.flink;

import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** A job's metrics as the MiniCluster's {@link InMemoryReporter} sees them, summed over subtasks. */
final class JobMetrics {
    private final InMemoryReporter reporter;

    JobMetrics(InMemoryReporter reporter) {
        this.reporter = reporter;
    }

    /** A MiniCluster of one TaskManager with two slots whose metrics {@code reporter} keeps for the test to read. */
    static MiniClusterExtension miniCluster(InMemoryReporter reporter) {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setConfiguration(reporter.addToConfiguration(new Configuration()))
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(2)
                .build());
    }

    /** The sum of every counter or numeric gauge of {@code job} named {@code name}, e.g. {@code numRestarts}; it must exist. */
    long sum(JobID job, String name) {
        Map<String, Metric> found = reporter.findMetrics(job, name);
        if (found.isEmpty()) {
            throw new AssertionError("job " + job + " has no metric named " + name);
        }
        return sumOf(found);
    }

    private static long sumOf(Map<String, Metric> metrics) {
        long sum = 0;
        for (Metric m : metrics.values()) {
            if (m instanceof Counter c) {
                sum += c.getCount();
            } else if (m instanceof Gauge<?> g && g.getValue() instanceof Number n) {
                sum += n.longValue();
            }
        }
        return sum;
    }

    /** Waits, at most {@code timeout}, until the sum reaches {@code atLeast} (the metric may not exist yet). */
    void await(JobID job, String name, long atLeast, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (sumOf(reporter.findMetrics(job, name)) < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("metric " + name + " did not reach " + atLeast + " within " + timeout);
            }
            Thread.sleep(100);
        }
    }
}
