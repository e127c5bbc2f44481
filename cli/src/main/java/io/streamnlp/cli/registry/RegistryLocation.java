package io.streamnlp.cli.registry;

import io.streamnlp.config.CommonOptions;
import io.streamnlp.config.ConfigException;
import io.streamnlp.registry.Int8DeltaBound;
import io.streamnlp.registry.ModelLoadCheck;
import io.streamnlp.registry.ModelRegistry;
import io.streamnlp.registry.ModelRegistryLocation;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where the registry is: a directory ({@code --registry}, the default) or a server ({@code --url}, {@code --token}). */
public final class RegistryLocation {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = "--registry",
            paramLabel = "DIR",
            description =
                    "Registry directory (default: $STREAMNLP_HOME/registry, STREAMNLP_HOME defaulting to ~/.streamnlp).")
    Path directory;

    @Option(
            names = "--url",
            paramLabel = "URL",
            description = "Base URL of a remote registry, e.g. http://localhost:8085.")
    URI url;

    @Option(
            names = "--token",
            paramLabel = "T",
            defaultValue = "${env:STREAMNLP_REGISTRY_TOKEN}",
            description = "Bearer token for writes to a remote registry (default: $STREAMNLP_REGISTRY_TOKEN).")
    String token;

    @Option(
            names = "--max-int8-delta",
            paramLabel = "POINTS",
            description = "Refuse to register or serve a version whose recorded int8 quality change (manifest metrics"
                    + " int8_delta.*) exceeds POINTS in either direction (default: no bound).")
    Double maxInt8Delta;

    Path localDirectory() {
        if (url != null) {
            throw new ParameterException(
                    spec.commandLine(), "--url cannot be used here: this command needs a registry directory");
        }
        return directory != null ? directory : CommonOptions.defaultModelRegistryDir();
    }

    /** {@code loadCheck}, and the int8 quality bound when one is given. */
    ModelLoadCheck withBound(ModelLoadCheck loadCheck) {
        if (maxInt8Delta == null) {
            return loadCheck;
        }
        try {
            return loadCheck.andThen(new Int8DeltaBound(maxInt8Delta));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--max-int8-delta: " + e.getMessage());
        }
    }

    /** The registry, checking versions with {@code loadCheck} and the int8 quality bound. */
    ModelRegistry open(ModelLoadCheck loadCheck) {
        ModelLoadCheck check = withBound(loadCheck);
        if (directory != null && url != null) {
            throw new ParameterException(spec.commandLine(), "give either --registry or --url, not both");
        }
        try {
            ModelRegistryLocation location = url != null
                    ? ModelRegistryLocation.remote(url, token)
                    : ModelRegistryLocation.local(localDirectory());
            return location.open(check);
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), "--url: " + e.getMessage());
        }
    }
}
