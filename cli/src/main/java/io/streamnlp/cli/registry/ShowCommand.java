package io.streamnlp.cli.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.streamnlp.registry.ManifestCodec;
import io.streamnlp.registry.ModelVersion;
import java.io.UncheckedIOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true, description = "Print a version's digest and manifest as JSON.")
final class ShowCommand extends RegistrySubcommand {

    @Parameters(index = "0", paramLabel = "REF", description = "NAME, NAME:VERSION or NAME@ALIAS.")
    String reference;

    @Override
    int execute() {
        ModelVersion version = registry().resolve(reference);
        try {
            out().println(ManifestCodec.MAPPER.writeValueAsString(version));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }
}
