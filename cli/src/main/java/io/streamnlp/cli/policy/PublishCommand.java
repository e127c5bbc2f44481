package io.streamnlp.cli.policy;

import io.streamnlp.config.CommonOptions;
import io.streamnlp.config.ConfigSources;
import io.streamnlp.config.KafkaClientProperties;
import io.streamnlp.config.Settings;
import io.streamnlp.config.UnknownKeysException;
import io.streamnlp.flink.config.JobOptions;
import io.streamnlp.flink.moderation.PolicyPublisher;
import io.streamnlp.moderation.InvalidPolicyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code streamnlp policy publish FILE}: validates a policy document and puts it on the policies topic keyed by its
 * name, where a running job picks it up. Broker, credentials and topic come from the job's own properties files.
 */
@Command(
        name = "publish",
        mixinStandardHelpOptions = true,
        description = "Validate a moderation policy document and publish it on the policies topic (key: its name).")
final class PublishCommand implements Callable<Integer> {
    /** Exit code of a document that is not a valid policy. */
    static final int EXIT_INVALID = 1;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The policy document (JSON).")
    Path file;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "The job's properties file (repeatable, later files win): kafka.bootstrap.servers,"
                    + " kafka.properties.* (SASL, TLS), topics.policies.")
    List<Path> configFiles = List.of();

    @Option(
            names = "--kafka-bootstrap",
            paramLabel = "HOST:PORT",
            description = "Kafka cluster (default: kafka.bootstrap.servers of --config, else 127.0.0.1:9092).")
    String bootstrapServers;

    @Option(
            names = "--topic",
            paramLabel = "TOPIC",
            description = "Policies topic (default: topics.policies of --config, else moderation-policies).")
    String topic;

    @Override
    public Integer call() throws Exception {
        Settings settings;
        try {
            settings = new Settings(JobOptions.ALL, ConfigSources.readFiles(configFiles));
        } catch (UnknownKeysException e) {
            throw new ParameterException(
                    spec.commandLine(), "unknown key(s) in --config: " + String.join(", ", e.keys()), e);
        }
        String document;
        try {
            document = Files.readString(file);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, Object> producer = new HashMap<>(settings.withPrefix(KafkaClientProperties.OPTION));
        producer.put(
                "bootstrap.servers",
                bootstrapServers != null ? bootstrapServers : settings.get(CommonOptions.KAFKA_BOOTSTRAP_SERVERS));
        String to = topic != null ? topic : settings.get(JobOptions.POLICIES_TOPIC);
        try {
            PolicyPublisher.Published p = PolicyPublisher.publish(producer, to, document);
            spec.commandLine()
                    .getOut()
                    .printf(
                            "published policy '%s' version %d to %s (partition %d, offset %d)%n",
                            p.policy().name(), p.policy().version(), to, p.partition(), p.offset());
            return 0;
        } catch (InvalidPolicyException e) {
            spec.commandLine().getErr().println(file + ": invalid policy: " + e.getMessage());
            return EXIT_INVALID;
        }
    }
}
