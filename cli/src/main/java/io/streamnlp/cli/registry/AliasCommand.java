package io.streamnlp.cli.registry;

import io.streamnlp.registry.ModelVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(
        name = "alias",
        mixinStandardHelpOptions = true,
        description = {
            "Point an alias at a version (alias NAME ALIAS VERSION) or remove it (alias NAME ALIAS --remove).",
            "The version is verified and loaded first; one that cannot be served is refused unless --force is given."
        })
final class AliasCommand extends RegistrySubcommand {

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", paramLabel = "ALIAS", description = "e.g. champion, challenger.")
    String alias;

    @Parameters(index = "2", arity = "0..1", paramLabel = "VERSION")
    Integer version;

    @Option(names = "--remove", description = "Remove the alias instead.")
    boolean remove;

    @Option(names = "--force", description = "Point the alias without verifying that the version loads.")
    boolean force;

    @Mixin
    EventOptions events;

    @Override
    EventOptions events() {
        return events;
    }

    @Override
    int execute() {
        if (remove == (version != null)) {
            throw new ParameterException(spec.commandLine(), "give either VERSION or --remove");
        }
        if (remove) {
            registry().removeAlias(name, alias);
            out().println("removed " + name + "@" + alias);
        } else {
            ModelVersion target = force
                    ? registry().forceAlias(name, alias, version)
                    : registry().setAlias(name, alias, version);
            out().println(name + "@" + alias + " -> " + target.version() + " " + target.digest());
        }
        return 0;
    }
}
