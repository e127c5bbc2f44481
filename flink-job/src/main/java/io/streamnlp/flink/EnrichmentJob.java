package io.streamnlp.flink;

import io.streamnlp.flink.config.ConfigException;
import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.flink.inference.PipelineEnricher;
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

    /** Checkpointing, parallelism and the dataflow; exactly-once needs the checkpoints. */
    public static void configure(StreamExecutionEnvironment env, JobConfig config) {
        env.setParallelism(config.parallelism());
        env.enableCheckpointing(config.checkpointIntervalMs(), CheckpointingMode.EXACTLY_ONCE);
        EnrichmentTopology.build(env, config, PipelineEnricher::new);
    }
}
