package io.streamnlp.flink.inference;

import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.registry.ModelNotFoundException;
import io.streamnlp.registry.ModelReference;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.schemas.avro.ModelRef;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the model a subtask of a registry-following job starts with. The reference's target
 * comes first. When it cannot be resolved or loaded, a version the job served before the restart
 * (from checkpointed state, newest first) keeps the job running on what last worked, with an
 * ERROR log and a counted failure. Without one there is nothing to fall back to: after
 * {@code model.load-attempts} attempts spaced by the retry backoff the start fails, and Flink's
 * restart strategy takes over.
 */
final class ModelStartup {
    private static final Logger LOG = LoggerFactory.getLogger(ModelStartup.class);

    /**
     * @param failedTargetDigest the digest of the reference's target when it failed to load and a
     *     version served before took its place; null when the target serves (or did not resolve)
     */
    record Outcome(ServedModel model, String failedTargetDigest) {}

    private static final String DEFAULT_MODEL = "default";

    private final ModelLoader loader;
    private final JobConfig.Model settings;
    private final Runnable onFailure;

    ModelStartup(ModelLoader loader, JobConfig.Model settings, Runnable onFailure) {
        this.loader = loader;
        this.settings = settings;
        this.onFailure = onFailure;
    }

    Outcome load(List<ModelRef> servedBefore) throws InterruptedException {
        List<ModelRef> fallbacks = newestFirst(servedBefore);
        for (int attempt = 1; ; attempt++) {
            ModelVersion target = null;
            try {
                target = loader.resolve();
                return new Outcome(loader.load(target), null);
            } catch (RuntimeException e) {
                onFailure.run();
                String failure = target == null
                        ? "cannot resolve model " + settings.ref() + defaultModelHint(e)
                        : "cannot load model " + target;
                for (ModelRef ref : fallbacks) {
                    if (target != null && ref.getDigest().equals(target.digest())) {
                        continue;
                    }
                    try {
                        ServedModel model = loader.load(ref);
                        LOG.error(
                                "{}; serving {} ({}), the version served before the restart, until it loads",
                                failure,
                                model.label(),
                                ref.getDigest(),
                                e);
                        return new Outcome(model, target == null ? null : target.digest());
                    } catch (RuntimeException fallbackFailure) {
                        onFailure.run();
                        e.addSuppressed(fallbackFailure);
                    }
                }
                String fallback = fallbacks.isEmpty()
                        ? "no version was served before to fall back to"
                        : "no version served before loads either";
                if (attempt >= settings.loadAttempts()) {
                    throw new IllegalStateException(failure + ", and " + fallback + " (" + attempt + " attempts)", e);
                }
                Duration delay = settings.retryDelay(attempt);
                LOG.error(
                        "{}, and {}; attempt {} of {}, the next in {}",
                        failure,
                        fallback,
                        attempt,
                        settings.loadAttempts(),
                        delay,
                        e);
                Thread.sleep(delay.toMillis());
            }
        }
    }

    /**
     * The job jar carries no training code, so it cannot register the default bundle the way the CLI's commands and
     * the server do on first use; its launchers register it, and a job started without one should say so.
     */
    private String defaultModelHint(RuntimeException e) {
        boolean namesDefault = ModelReference.parse(settings.ref()).name().equals(DEFAULT_MODEL);
        return namesDefault && e instanceof ModelNotFoundException
                ? " (register it once with `streamnlp registry init-default --registry DIR`, as the demo, `streamnlp"
                        + " cluster submit`, docker-compose and the Helm chart do)"
                : "";
    }

    /** One entry per version (every subtask wrote its own), the highest version first. */
    private static List<ModelRef> newestFirst(List<ModelRef> refs) {
        Map<String, ModelRef> byDigest = new LinkedHashMap<>();
        refs.forEach(ref -> byDigest.putIfAbsent(ref.getDigest(), ref));
        return byDigest.values().stream()
                .sorted(Comparator.comparingLong(ModelStartup::versionNumber).reversed())
                .toList();
    }

    private static long versionNumber(ModelRef ref) {
        try {
            return Long.parseLong(ref.getVersion());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
