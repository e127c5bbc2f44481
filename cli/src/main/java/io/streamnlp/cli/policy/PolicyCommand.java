package io.streamnlp.cli.policy;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code streamnlp policy ...}: moderation policies (docs/moderation.md). */
@Command(
        name = "policy",
        mixinStandardHelpOptions = true,
        description = "Moderation policies that the enrichment job follows on its policies topic.",
        subcommands = {PublishCommand.class})
public final class PolicyCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
