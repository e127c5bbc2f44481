package io.streamnlp.registry;

import io.streamnlp.config.CommonOptions;
import io.streamnlp.config.ConfigException;
import io.streamnlp.config.Settings;
import io.streamnlp.registry.http.RemoteModelRegistry;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * Where a model registry is: a directory on a shared file system, or a registry server's HTTP API with the bearer
 * token for writes. The one reader of the shared {@code model.registry.*} keys and the one place a registry is opened
 * from them, so that the job, the retrainer, the server, the console and the CLI find the same registry.
 *
 * <p>Serializable (the job ships it to its task managers) although {@link Path} is not: it travels as text.
 *
 * @param dir the registry directory, when {@code url} is null
 * @param url a remote registry, when {@code dir} is null
 * @param token the remote registry's bearer token, or null for read-only use
 */
public record ModelRegistryLocation(Path dir, URI url, String token) implements Serializable {

    public ModelRegistryLocation {
        if ((dir == null) == (url == null)) {
            throw new ConfigException("give exactly one of model.registry.dir and model.registry.url");
        }
        if (url != null && (url.getScheme() == null || !url.getScheme().matches("https?") || url.getHost() == null)) {
            throw new ConfigException("a model registry URL must be http(s) with a host, got '" + url + "'");
        }
        if (token != null && url == null) {
            throw new ConfigException("model.registry.token needs model.registry.url");
        }
    }

    public static ModelRegistryLocation local(Path dir) {
        return new ModelRegistryLocation(dir, null, null);
    }

    public static ModelRegistryLocation remote(URI url, String token) {
        return new ModelRegistryLocation(null, url, token);
    }

    /**
     * {@code model.registry.url} when set (its token from {@code model.registry.token}, else the environment), else
     * {@code model.registry.dir}, else the default directory.
     */
    public static ModelRegistryLocation of(Settings settings) {
        String url = settings.get(CommonOptions.MODEL_REGISTRY_URL);
        if (url != null) {
            return remote(
                    uri(url),
                    settings.getOptional(CommonOptions.MODEL_REGISTRY_TOKEN)
                            .orElseGet(CommonOptions::registryTokenFromEnvironment));
        }
        return local(settings.getOptional(CommonOptions.MODEL_REGISTRY_DIR)
                .orElseGet(CommonOptions::defaultModelRegistryDir));
    }

    public Optional<String> bearerToken() {
        return Optional.ofNullable(token);
    }

    /**
     * The registry, checking every version it serves (and a store every version it registers) with {@code
     * loadCheck}: a {@link ModelStore} on the directory, or a {@link RemoteModelRegistry}.
     */
    public ModelRegistry open(ModelLoadCheck loadCheck) {
        return url != null
                ? new RemoteModelRegistry(url, bearerToken(), loadCheck)
                : ModelStore.open(dir, Clock.systemUTC(), loadCheck);
    }

    private static URI uri(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new ConfigException("model.registry.url is not a URL: '" + text + "'");
        }
    }

    private Object writeReplace() {
        return new SerializedForm(dir == null ? null : dir.toString(), url, token);
    }

    private record SerializedForm(String dir, URI url, String token) implements Serializable {
        private Object readResolve() {
            return new ModelRegistryLocation(dir == null ? null : Path.of(dir), url, token);
        }
    }
}
