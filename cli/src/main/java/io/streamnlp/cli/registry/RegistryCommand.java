package io.streamnlp.cli.registry;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code streamnlp registry ...}: the model registry, local or remote. */
@Command(
        name = "registry",
        mixinStandardHelpOptions = true,
        description = "Model versions, aliases and digests, in a directory or on a registry server.",
        subcommands = {
            ListCommand.class,
            ShowCommand.class,
            RegisterCommand.class,
            ImportHfCommand.class,
            AliasCommand.class,
            ArchiveCommand.class,
            DownloadCommand.class,
            VerifyCommand.class,
            InitDefaultCommand.class,
            ServeCommand.class
        })
public final class RegistryCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
