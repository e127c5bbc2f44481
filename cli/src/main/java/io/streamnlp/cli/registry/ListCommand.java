package io.streamnlp.cli.registry;

import io.streamnlp.registry.ModelSummary;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List models with their versions and aliases.")
final class ListCommand extends RegistrySubcommand {

    @Override
    int execute() {
        List<ModelSummary> models = registry().list();
        if (models.isEmpty()) {
            out().println("no models");
            return 0;
        }
        out().printf("%-24s %-8s %-20s %s%n", "NAME", "LATEST", "VERSIONS", "ALIASES");
        for (ModelSummary model : models) {
            String aliases = model.aliases().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(alias -> alias.getKey() + "=" + alias.getValue())
                    .collect(Collectors.joining(" "));
            String versions = model.versions().size()
                    + (model.archivedVersions().isEmpty()
                            ? ""
                            : " (+" + model.archivedVersions().size() + " archived)");
            out().printf(
                            "%-24s %-8s %-20s %s%n",
                            model.name(), model.latest().map(String::valueOf).orElse("-"), versions, aliases);
        }
        return 0;
    }
}
