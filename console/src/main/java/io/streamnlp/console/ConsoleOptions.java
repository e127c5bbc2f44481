package io.streamnlp.console;

import io.streamnlp.config.CommonOptions;
import io.streamnlp.config.ConfigOption;
import io.streamnlp.config.ConfigOptions;
import io.streamnlp.config.Options;
import java.nio.file.Path;

/**
 * The options of {@code streamnlp console}. The topic keys are the job's and the retrainer's (docs/flink-job.md,
 * docs/retraining.md), so one properties file describes all three.
 */
public final class ConsoleOptions {
    private ConsoleOptions() {}

    public static final ConfigOption<String> BIND = ConfigOptions.key("console.bind")
            .stringType()
            .defaultValue("127.0.0.1")
            .withDescription("address to listen on; a non-loopback address needs a token");

    public static final ConfigOption<Integer> PORT = ConfigOptions.key("console.port")
            .intType()
            .defaultValue(8090)
            .between(0, 65535)
            .withDescription("port to listen on (0 picks a free one)");

    public static final ConfigOption<Path> TOKEN_FILE = ConfigOptions.key("console.token-file")
            .pathType()
            .noDefaultValue()
            .withDocumentedDefault("$STREAMNLP_CONSOLE_TOKEN")
            .withDescription("file holding the bearer token that promote, roll back and feedback must present;"
                    + " without a file the environment variable, without either the console is read-only");

    public static final ConfigOption<Integer> RECENT_RECORDS = ConfigOptions.key("console.recent-records")
            .intType()
            .defaultValue(200)
            .between(1, 10_000)
            .withDescription("records of each topic the console reads back at start and keeps in memory");

    public static final ConfigOption<String> ANNOTATOR = ConfigOptions.key("console.annotator")
            .stringType()
            .defaultValue("console")
            .withDescription("the `annotator` of a `Feedback` record when the reviewer gives no name");

    public static final ConfigOption<String> ENRICHED_TOPIC = ConfigOptions.key("topics.output")
            .stringType()
            .defaultValue("enriched-events")
            .withDescription("the job's `EnrichedEvent`s (Live page)");

    public static final ConfigOption<String> DEAD_LETTER_TOPIC = ConfigOptions.key("topics.dead-letters")
            .stringType()
            .defaultValue("dead-letters")
            .withDescription("the job's `DeadLetter`s (Dead letters page)");

    public static final ConfigOption<String> DRIFT_TOPIC = ConfigOptions.key("topics.drift")
            .stringType()
            .defaultValue("drift-metrics")
            .withDescription("the job's `DriftReport`s (Drift page)");

    public static final ConfigOption<String> STATS_TOPIC = ConfigOptions.key("topics.stats")
            .stringType()
            .defaultValue("enrichment-stats")
            .withDescription("the job's `EnrichmentStats` windows (Live page charts)");

    public static final ConfigOption<String> REVIEW_TOPIC = ConfigOptions.key("topics.moderation-review")
            .stringType()
            .defaultValue("moderation-review")
            .withDescription("`EnrichedEvent`s routed to human review (Review page)");

    public static final ConfigOption<String> FEEDBACK_TOPIC = ConfigOptions.key("topics.feedback")
            .stringType()
            .defaultValue("feedback")
            .withDescription("where the Review page writes `Feedback`, the topic the retrainer consumes");

    public static final ConfigOption<String> RETRAIN_REQUEST_TOPIC = ConfigOptions.key("topics.retrain-requests")
            .stringType()
            .defaultValue("retrain-requests")
            .withDescription("the retrainer's `RetrainRequest`s (Drift page)");

    /** The console's options, in documentation order. */
    public static final Options OWN = Options.of(
            BIND,
            PORT,
            TOKEN_FILE,
            RECENT_RECORDS,
            ANNOTATOR,
            ENRICHED_TOPIC,
            DEAD_LETTER_TOPIC,
            DRIFT_TOPIC,
            STATS_TOPIC,
            REVIEW_TOPIC,
            FEEDBACK_TOPIC,
            RETRAIN_REQUEST_TOPIC);

    /** Its own options, then the shared ones it reads. */
    public static final Options ALL = CommonOptions.CLIENTS.plus(OWN);
}
