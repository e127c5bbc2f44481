package io.streamnlp.training.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.drift.ReferenceProfile;
import io.streamnlp.inference.pipeline.NlpPipeline;
import io.streamnlp.inference.pipeline.NlpResult;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.inference.task.Entity;
import io.streamnlp.registry.ModelManifest;
import io.streamnlp.registry.ModelReference;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.registry.RegistrationRequest;
import io.streamnlp.training.heads.ProgressListener;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default bundle, registered into fresh stores. The first run on a machine trains it (about half
 * a minute on two idle cores); later runs copy it from the model cache.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class DefaultBundleTest {
    private static final InferenceOptions OPTIONS = InferenceOptions.defaults();

    @TempDir
    Path registry;

    @Test
    void concurrentEnsureRegistersOneChampionWithMetricsProfileAndFingerprint() throws Exception {
        ModelStore store = ModelStore.open(registry);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<ModelVersion> a = pool.submit(() -> DefaultBundle.ensure(store, OPTIONS, ProgressListener.NONE));
            Future<ModelVersion> b =
                    pool.submit(() -> DefaultBundle.ensure(ModelStore.open(registry), OPTIONS, ProgressListener.NONE));
            assertEquals(a.get().version(), b.get().version());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, store.versions(DefaultBundle.MODEL).size());
        ModelVersion champion = store.resolve(ModelReference.parse("default@champion"));
        assertEquals(1, champion.version());
        assertEquals(champion.version(), DefaultBundle.ensure(store).version());

        ModelManifest manifest = champion.manifest();
        assertEquals(DefaultBundle.fingerprint(), manifest.trainingDataFingerprint());
        Map<String, Double> metrics = manifest.metrics();
        assertTrue(metrics.get("category.accuracy") > 0.9, "category " + metrics.get("category.accuracy"));
        // the shipped moderation head's score on the Davidson dev split, recorded when it was trained
        assertEquals(ShippedHead.moderation().metrics().get("moderation.macro_f1"), metrics.get("moderation.macro_f1"));
        assertEquals(
                ShippedHead.sentiment().metrics().get("sentiment.reviews_accuracy"),
                metrics.get("sentiment.reviews_accuracy"));
        assertTrue(metrics.get("ner.f1") > 0.8, "ner " + metrics.get("ner.f1"));
        assertTrue(metrics.get("summarization.rouge1") > 0, "summarization " + metrics.get("summarization.rouge1"));
        assertTrue(
                metrics.containsKey("sentiment.macro_f1") && metrics.containsKey("urgency.macro_f1"),
                metrics.toString());

        assertNotNull(manifest.referenceProfile());
        ReferenceProfile profile =
                ReferenceProfile.read(store.directory(champion).resolve(manifest.referenceProfile()));
        assertEquals(
                List.of("category", "moderation", "sentiment", "urgency"),
                List.copyOf(profile.tasks().keySet()));
        assertTrue(profile.hasEmbeddings());
    }

    @Test
    void neverOverridesAPromotedChampion() throws Exception {
        ModelStore store = ModelStore.open(registry);
        ModelVersion first = DefaultBundle.ensure(store, OPTIONS, ProgressListener.NONE);
        ModelVersion retrained = store.register(
                DefaultBundle.MODEL,
                DefaultBundle.cached(OPTIONS, ProgressListener.NONE).dir(),
                RegistrationRequest.builder()
                        .parentVersion(first.version())
                        .trainingDataFingerprint("sha256:feedback")
                        .build());
        store.setAlias(DefaultBundle.MODEL, ModelReference.DEFAULT_ALIAS, retrained.version());

        assertEquals(
                retrained.version(),
                DefaultBundle.ensure(store, OPTIONS, ProgressListener.NONE).version());
        store.removeAlias(DefaultBundle.MODEL, ModelReference.DEFAULT_ALIAS);
        assertEquals(
                first.version(),
                DefaultBundle.ensure(store, OPTIONS, ProgressListener.NONE).version(),
                "without a champion, the version trained from the seed data becomes champion again");
    }

    @Test
    void registeredBundleServesEveryTaskThroughThePipeline() throws Exception {
        ModelStore store = ModelStore.open(registry);
        ModelVersion v = DefaultBundle.ensure(store, OPTIONS, ProgressListener.NONE);
        try (NlpPipeline pipeline = NlpPipeline.load(store.directory(v), OPTIONS)) {
            List<NlpResult> results = pipeline.predict(List.of(
                    "URGENT: I was charged $49.99 twice for order ORD-55812, please fix this today!",
                    "you are a complete idiot, shut up",
                    "Hi, I hope you are well. I have been a customer for years. My parcel from DHL never arrived in Berlin."
                            + " The tracking has not moved for a week. Agent: we have shipped a replacement today.",
                    "The new headphones sound wonderful and the battery lasts for days, I love them.",
                    "Terrible hotel, the room was dirty and the staff were rude."));

            NlpResult ticket = results.get(0);
            assertEquals("billing", ticket.classification("category").label());
            assertEquals("high", ticket.classification("urgency").label());
            assertEquals("neither", ticket.classification("moderation").label());
            assertTrue(
                    ticket.entities().stream().map(Entity::type).toList().containsAll(List.of("MONEY", "ORDER_ID")),
                    ticket.entities().toString());
            assertTrue(
                    ticket.entities().stream()
                            .anyMatch(
                                    e -> e.type().equals("ORDER_ID") && e.text().equals("ORD-55812")),
                    ticket.entities().toString());

            assertEquals(
                    "offensive_language",
                    results.get(1).classification("moderation").label());

            // the sentiment head learned real review sentences, not only the seed tickets
            assertEquals("positive", results.get(3).classification("sentiment").label());
            assertEquals("negative", results.get(4).classification("sentiment").label());

            NlpResult thread = results.get(2);
            assertEquals("shipping", thread.classification("category").label());
            assertNotNull(thread.summary());
            assertTrue(
                    thread.summary().text().length() < 2 * 160, thread.summary().text());
        }
    }
}
