package io.streamnlp.cli.cluster;

import picocli.CommandLine.Command;

/** {@code streamnlp cluster up|down|status|submit}: a real multi-process deployment on this machine. */
@Command(
        name = "cluster",
        mixinStandardHelpOptions = true,
        header = "Start, inspect, use and stop a local multi-process Flink and Kafka cluster.",
        description = {
            "A local multi-process cluster from Maven jars: a Flink standalone session cluster",
            "(1 JobManager, 2 TaskManagers), three KRaft Kafka brokers and the Apicurio schema registry,",
            "all on 127.0.0.1 (docs/deployment.md)."
        },
        subcommands = {
            ClusterUpCommand.class,
            ClusterDownCommand.class,
            ClusterStatusCommand.class,
            ClusterSubmitCommand.class
        })
public final class ClusterCommand {}
