package io.streamnlp.cli.registry;

import io.streamnlp.registry.ModelVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "archive",
        mixinStandardHelpOptions = true,
        description =
                "Move a version out of use (it stays readable by NAME:VERSION); refused while an alias points at it.")
final class ArchiveCommand extends RegistrySubcommand {

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", paramLabel = "VERSION")
    int version;

    @Mixin
    EventOptions events;

    @Override
    EventOptions events() {
        return events;
    }

    @Override
    int execute() {
        ModelVersion archived = registry().archive(name, version);
        out().println("archived " + archived.name() + ":" + archived.version() + " " + archived.digest());
        return 0;
    }
}
