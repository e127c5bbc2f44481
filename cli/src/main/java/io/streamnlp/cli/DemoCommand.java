package io.streamnlp.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Runs the main job on the embedded local stack. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run StreamNLP on an embedded Kafka broker, schema registry and Flink MiniCluster.")
final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println("demo: not yet wired");
        return 0;
    }
}
