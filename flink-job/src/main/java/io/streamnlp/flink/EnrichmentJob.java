package io.streamnlp.flink;

import io.streamnlp.config.ConfigException;
import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.flink.inference.PipelineEnricher;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Entry point of the enrichment job: {@code flink run -c io.streamnlp.flink.EnrichmentJob job.jar
 * --config job.properties [--key value ...]}. Every key is documented in docs/flink-job.md.
 */
public final class EnrichmentJob {
    private EnrichmentJob() {}

    public static void main(String[] args) throws Exception {
        JobConfig config;
        try {
            config = JobConfig.fromArgs(args);
        } catch (ConfigException e) {
            System.err.println("streamnlp enrichment job: " + e.getMessage());
            System.exit(2);
            return;
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        configure(env, config);
        env.execute(config.jobName());
    }

    /** Starts the job without waiting for it, e.g. on an embedded MiniCluster environment. */
    public static JobClient start(StreamExecutionEnvironment env, JobConfig config) throws Exception {
        configure(env, config);
        return env.executeAsync(config.jobName());
    }

    /** Checkpointing, recovery, parallelism and the dataflow; exactly-once needs the checkpoints. */
    public static void configure(StreamExecutionEnvironment env, JobConfig config) {
        env.setParallelism(config.parallelism());
        env.configure(recoverySettings(config));
        env.enableCheckpointing(config.checkpointIntervalMs(), CheckpointingMode.EXACTLY_ONCE);
        EnrichmentTopology.build(env, config, PipelineEnricher::new);
    }

    /**
     * Explicit rather than Flink's defaults, whose checkpoint timeout equals the sink's transaction
     * timeout: a checkpoint may then outlive its transaction. Restarts back off exponentially, so a
     * dependency outage is waited out instead of hammered, and the backoff resets once the job has
     * run cleanly for {@code restart.reset-threshold-ms}.
     */
    static Configuration recoverySettings(JobConfig config) {
        JobConfig.Recovery r = config.recovery();
        Configuration c = new Configuration();
        c.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, Duration.ofMillis(r.checkpointTimeoutMs()));
        c.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, r.tolerableCheckpointFailures());
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        c.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF,
                Duration.ofMillis(r.restartInitialBackoffMs()));
        c.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF,
                Duration.ofMillis(r.restartMaxBackoffMs()));
        c.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER,
                r.restartBackoffMultiplier());
        c.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD,
                Duration.ofMillis(r.restartResetThresholdMs()));
        c.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_JITTER_FACTOR, 0.1);
        return c;
    }
}
