package io.streamnlp.cli.registry;

import io.streamnlp.registry.Int8DeltaBound;
import io.streamnlp.registry.ModelLoadCheck;
import io.streamnlp.registry.ModelRegistry;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.http.RemoteModelRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
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

    /** The registry directory when no option names one. */
    static Path defaultDirectory(Map<String, String> env, String userHome) {
        String home = env.get("STREAMNLP_HOME");
        Path base = home == null || home.isBlank() ? Path.of(userHome, ".streamnlp") : Path.of(home);
        return base.resolve("registry");
    }

    Path localDirectory() {
        if (url != null) {
            throw new ParameterException(
                    spec.commandLine(), "--url cannot be used here: this command needs a registry directory");
        }
        return directory != null ? directory : defaultDirectory(System.getenv(), System.getProperty("user.home"));
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
        if (url != null) {
            if (url.getScheme() == null || !url.getScheme().matches("https?") || url.getHost() == null) {
                throw new ParameterException(
                        spec.commandLine(), "--url must be an http(s) URL with a host, got '" + url + "'");
            }
            return new RemoteModelRegistry(url, Optional.ofNullable(token), check);
        }
        return ModelStore.open(localDirectory(), Clock.systemUTC(), check);
    }
}
