package io.streamnlp.cli.registry;

import io.streamnlp.registry.ModelReference;
import io.streamnlp.registry.ModelVersion;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "download",
        mixinStandardHelpOptions = true,
        description = "Copy a version's files and manifest into DIR (absent or empty) and check every digest.")
final class DownloadCommand extends RegistrySubcommand {

    @Parameters(index = "0", paramLabel = "REF", description = "NAME, NAME:VERSION or NAME@ALIAS.")
    String reference;

    @Parameters(index = "1", paramLabel = "DIR")
    Path target;

    @Override
    int execute() {
        ModelVersion version = registry().download(ModelReference.parse(reference), target);
        out().println("downloaded " + version.name() + ":" + version.version() + " " + version.digest() + " to "
                + target);
        return 0;
    }
}
