package io.streamnlp.cli.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code streamnlp bench ...}: performance measurements. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measure throughput.",
        subcommands = {InferenceBenchCommand.class, PipelineBenchCommand.class, ApiBenchCommand.class})
public final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
