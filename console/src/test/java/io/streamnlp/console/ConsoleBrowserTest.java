package io.streamnlp.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamnlp.bundle.VersionFiles;
import io.streamnlp.flink.EnrichmentJob;
import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.flink.moderation.PolicyPublisher;
import io.streamnlp.localstack.LocalStack;
import io.streamnlp.localstack.junit.LocalStackExtension;
import io.streamnlp.registry.ModelLoadCheck;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.registry.RegistrationRequest;
import io.streamnlp.registry.events.ModelEventPublisher;
import io.streamnlp.registry.http.RegistryHttpServer;
import io.streamnlp.registry.http.RegistryServerConfig;
import io.streamnlp.registry.http.RemoteModelRegistry;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.schemas.avro.Feedback;
import io.streamnlp.schemas.avro.RetrainRequest;
import io.streamnlp.schemas.avro.TextEvent;
import io.streamnlp.schemas.serde.AvroDeserializer;
import io.streamnlp.schemas.serde.AvroSerializer;
import io.streamnlp.training.bundle.DefaultBundle;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in headless Chromium, on the real stack: the local broker and Apicurio registry, the enrichment job
 * on a MiniCluster following a model registry served over HTTP, and the console between them. Every page is
 * photographed into {@code target/console-screenshots}.
 */
@ExtendWith(LocalStackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ConsoleBrowserTest {
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final String NAME = "console";
    private static final String CONSOLE_TOKEN = "console-test-token";
    private static final String RETRAIN_REQUEST = "retrain-1";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int EVENTS_PER_SECOND = 20;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Audits a quarter of the tickets: the job's moderation step routes them to the queue the Review page shows. */
    private static final String AUDIT_POLICY = """
            {"name": "console-test", "version": 1, "audit_sample_rate": 0.25,
             "tenants": {"default": {"thresholds": {"moderation": {"offensive_language": {"review": 0.99}}}}}}
            """;

    @TempDir
    static Path registryDir;

    private static LocalStack stack;
    private static ModelStore store;
    private static ModelVersion candidate;
    private static RegistryHttpServer registryServer;
    private static ModelEventPublisher modelEvents;
    private static JobClient job;
    private static ConsoleServer console;
    private static WebDriver browser;
    private static Thread traffic;
    private static final AtomicBoolean producing = new AtomicBoolean(true);
    private static final AtomicLong produced = new AtomicLong();

    @BeforeAll
    static void start(LocalStack localStack) throws Exception {
        stack = localStack;
        stack.kafka()
                .createTopics(
                        1,
                        topic("in"),
                        topic("out"),
                        topic("dlq"),
                        topic("drift"),
                        topic("review"),
                        topic("block"),
                        topic("feedback"),
                        topic("stats"),
                        topic("retrain"));
        stack.kafka().createCompactedTopic(topic("models"), 1);
        stack.kafka().createCompactedTopic(topic("policies"), 1);
        PolicyPublisher.publish(stack.kafka().clientConfig(), topic("policies"), AUDIT_POLICY);

        store = ModelStore.open(registryDir);
        ModelVersion champion = DefaultBundle.ensure(store);
        candidate = store.register(DefaultBundle.MODEL, retrained(store.directory(champion)), lineage(champion));
        Map<String, Object> publisherConfig = new HashMap<>(stack.kafka().clientConfig());
        publisherConfig.put("schema.registry.url", stack.schemaRegistryUrl());
        modelEvents = ModelEventPublisher.create(publisherConfig, topic("models"), null);
        store.addListener(modelEvents);
        registryServer = RegistryHttpServer.start(
                store, RegistryServerConfig.of(new InetSocketAddress("127.0.0.1", 0), "registry-token"));

        job = EnrichmentJob.start(StreamExecutionEnvironment.createLocalEnvironment(), JobConfig.of(jobConfig()));
        traffic = new Thread(ConsoleBrowserTest::produceTickets, "console-test-traffic");
        traffic.start();

        console = ConsoleServer.start(
                ConsoleConfig.local(0, CONSOLE_TOKEN, stack.bootstrapServers(), stack.schemaRegistryUrl(), topics()),
                new RemoteModelRegistry(
                        registryServer.baseUri(), Optional.of("registry-token"), ModelLoadCheck.STRUCTURE_ONLY));
        browser = chromium();
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        producing.set(false);
        if (traffic != null) {
            traffic.join(10_000);
        }
        if (browser != null) {
            browser.quit();
        }
        if (console != null) {
            console.close();
        }
        if (job != null) {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
        if (registryServer != null) {
            registryServer.close();
        }
        if (modelEvents != null) {
            modelEvents.close();
        }
    }

    @Test
    @Order(1)
    void liveShowsTheCountsRise() throws Exception {
        browser.get(console.signInUri(CONSOLE_TOKEN).toString());
        // the charts are redrawn as windows arrive
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        wait.until(d -> count(d, "live-seen") > 0);
        long first = count(browser, "live-seen");
        wait.until(d -> count(d, "live-seen") > first);
        wait.until(
                ExpectedConditions.presenceOfElementLocated(By.cssSelector("#recent-records li.record mark.entity")));
        wait.until(d -> Integer.parseInt(
                        d.findElement(By.cssSelector("svg[data-chart=events]")).getAttribute("data-points"))
                > 0);
        assertThat(browser.getCurrentUrl()).as("the token left the address bar").doesNotContain(CONSOLE_TOKEN);
        screenshot("live");
    }

    @Test
    @Order(2)
    void reviewLabelsAnItemByKeyboardAndTheFeedbackIsOnTheTopic() throws Exception {
        show("review");
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        // the queue moves while the job writes: an item that left the page is looked up afresh
        String[] labelled = wait.ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement item = d.findElement(By.cssSelector("#review-queue li.item:not(.done)"));
            String id = item.getAttribute("data-event-id");
            String choice = item.findElement(By.cssSelector("button.choice[data-key='2']"))
                    .getAttribute("data-label");
            item.sendKeys("2");
            return new String[] {id, choice};
        });
        String eventId = labelled[0];
        String label = labelled[1];
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("review-status"), "Labelled " + eventId));

        Feedback feedback = awaitRecord(
                topic("feedback"), Feedback.class, f -> f.getEventId().equals(eventId));
        assertThat(feedback.getLabel()).isEqualTo(label);
        assertThat(feedback.getTask()).isEqualTo("category");
        assertThat(feedback.getAnnotator()).isEqualTo("console");
        assertThat(feedback.getModel().getVersion()).isEqualTo("1");
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#review-queue li.item.done[data-event-id='" + eventId + "']")));
        screenshot("review");
    }

    @Test
    @Order(3)
    void promotingOnModelsIsFollowedByTheJobsSwap() throws Exception {
        assertThat(post("/api/models/default/promote", "{\"version\": " + candidate.version() + "}", null))
                .as("a promotion without the token is refused")
                .isEqualTo(401);
        produceRetrainRequest("js_distance over threshold in 2 consecutive windows");
        show("models");
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("tr[data-version='" + candidate.version() + "'] td.lineage"),
                "retrain request " + RETRAIN_REQUEST.substring(0, 8)));
        wait.until(ExpectedConditions.elementToBeClickable(
                        By.cssSelector("button.promote[data-version='" + candidate.version() + "']")))
                .click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-ok"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("models-status"), "The job serves default:" + candidate.version()));

        assertThat(store.model("default").aliases()).containsEntry("champion", candidate.version());
        EnrichedEvent served = awaitRecord(
                topic("out"),
                EnrichedEvent.class,
                e -> e.getClassifications()
                        .get(0)
                        .getModel()
                        .getVersion()
                        .equals(Integer.toString(candidate.version())));
        assertThat(served.getClassifications().get(0).getModel().getDigest()).isEqualTo(candidate.digest());
        screenshot("models");
    }

    @Test
    @Order(4)
    void deadLettersShowThePoisonRecordsReasonAndBytes() throws Exception {
        produceRaw(
                topic("in"),
                "poison".getBytes(StandardCharsets.UTF_8),
                "not avro: poison".getBytes(StandardCharsets.UTF_8));
        show("dead-letters");
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#dead-letter-list button.letter")))
                .click();
        WebElement details = wait.until(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#dead-letter-details article")));
        assertThat(details.findElement(By.cssSelector(".reason")).getText()).isEqualTo("BAD_MAGIC_BYTE");
        assertThat(details.findElement(By.cssSelector(".coordinates")).getText())
                .startsWith(topic("in") + "-0@");
        assertThat(details.findElements(By.cssSelector("pre.as-text")))
                .extracting(WebElement::getText)
                .contains("not avro: poison");
        assertThat(details.findElements(By.cssSelector("pre.hex")))
                .extracting(WebElement::getText)
                .anyMatch(hex -> hex.contains("6e 6f 74 20 61 76 72 6f"));
        screenshot("dead-letters");
    }

    @Test
    @Order(5)
    void driftShowsTheWindowsAgainstTheirThresholdsAndTheRetrainRequests() throws Exception {
        // the request produced by the Models test
        show("drift");
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("retrain-requests"), "js_distance over threshold in 2 consecutive windows"));
        WebElement group =
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.drift-group")));
        assertThat(group.findElements(By.cssSelector("svg.chart line.threshold")))
                .isNotEmpty();
        screenshot("drift");
    }

    @Test
    @Order(6)
    void aConsoleWithoutATokenChangesNothing() throws Exception {
        try (ConsoleServer readOnly = ConsoleServer.start(
                ConsoleConfig.local(0, null, stack.bootstrapServers(), stack.schemaRegistryUrl(), topics()), store)) {
            HttpRequest promote = HttpRequest.newBuilder(readOnly.baseUri().resolve("api/models/default/rollback"))
                    .header("Authorization", "Bearer " + CONSOLE_TOKEN)
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build();
            HttpResponse<String> answer = HTTP.send(promote, HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(403);
            assertThat(answer.body()).contains("read_only");
        }
        assertThat(store.model("default").aliases()).containsEntry("champion", candidate.version());
    }

    @Test
    @Order(7)
    void everyPageFitsANarrowWindow() throws Exception {
        browser.manage().window().setSize(new Dimension(400, 900));
        try {
            for (String page : List.of("live", "drift", "models", "dead-letters", "review")) {
                show(page);
                Long overflow = (Long) ((org.openqa.selenium.JavascriptExecutor) browser)
                        .executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
                assertThat(overflow).as("horizontal overflow of %s", page).isLessThanOrEqualTo(0L);
            }
            show("review");
            new WebDriverWait(browser, WAIT)
                    .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#review-queue li.item")));
            screenshot("review-narrow");
        } finally {
            browser.manage().window().setSize(new Dimension(1200, 900));
        }
    }

    private static void show(String page) {
        browser.get(console.baseUri() + "#" + page);
        new WebDriverWait(browser, WAIT)
                .until(d -> page.equals(d.findElement(By.id("page")).getAttribute("data-page")));
    }

    private static long count(WebDriver driver, String id) {
        String text = driver.findElement(By.id(id)).getText().replace(",", "");
        return text.matches("\\d+") ? Long.parseLong(text) : -1;
    }

    private static void screenshot(String name) throws IOException {
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0);");
        byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }

    private static int post(String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(console.baseUri() + path.substring(1)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** System Chromium through the system chromedriver: nothing is looked up or downloaded. */
    private static WebDriver chromium() {
        assertThat(CHROMEDRIVER)
                .as("chromedriver (Debian package chromium-driver)")
                .isExecutable();
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
        return new ChromeDriver(service, options);
    }

    private static Map<String, String> jobConfig() {
        Map<String, String> m = new HashMap<>();
        m.put("job.name", NAME);
        m.put("kafka.bootstrap.servers", stack.bootstrapServers());
        m.put("kafka.group.id", NAME);
        m.put("registry.url", stack.schemaRegistryUrl());
        m.put("topics.input", topic("in"));
        m.put("topics.output", topic("out"));
        m.put("topics.dead-letters", topic("dlq"));
        m.put("topics.drift", topic("drift"));
        m.put("topics.model-events", topic("models"));
        m.put("topics.policies", topic("policies"));
        m.put("topics.moderation-review", topic("review"));
        m.put("topics.moderation-block", topic("block"));
        m.put("topics.stats", topic("stats"));
        m.put("stats.window", "2s");
        m.put("stats.out-of-orderness", "500ms");
        m.put("stats.idle-timeout", "2s");
        m.put("moderation.enabled", "true");
        m.put("moderation.policy", "console-test");
        m.put("model.registry.dir", registryDir.toString());
        m.put("model.ref", DefaultBundle.MODEL + "@champion");
        m.put("drift.window", "count:40");
        m.put("checkpoint.interval-ms", "300");
        m.put("batch.max-delay-ms", "20");
        m.put("inference.intra-op-threads", "1");
        return m;
    }

    private static void produceTickets() {
        String[] texts = {
            "My parcel is late, please check the delivery to Berlin.",
            "I was charged twice for order 4471, please refund the second payment.",
            "Someone logged into my account from another country, reset my password now.",
            "The app crashes when I open the settings page on my Pixel phone."
        };
        try (KafkaProducer<String, byte[]> producer = producer();
                AvroSerializer<TextEvent> events = new AvroSerializer<>()) {
            events.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false);
            long interval = TimeUnit.SECONDS.toNanos(1) / EVENTS_PER_SECOND;
            long next = System.nanoTime();
            while (producing.get()) {
                long n = produced.getAndIncrement();
                TextEvent event = TextEvent.newBuilder()
                        .setId("ticket-" + n)
                        .setTenant("acme")
                        .setSource("email")
                        .setText(texts[(int) (n % texts.length)])
                        .setCreatedAt(Instant.now())
                        .setAttributes(Map.of())
                        .build();
                producer.send(new ProducerRecord<>(topic("in"), event.getId(), events.serialize(topic("in"), event)));
                next += interval;
                LockSupport.parkNanos(next - System.nanoTime());
            }
        }
    }

    private static void produceRetrainRequest(String reason) {
        RetrainRequest request = RetrainRequest.newBuilder()
                .setRequestId(RETRAIN_REQUEST)
                .setModelName("default")
                .setModelVersion("1")
                .setTask("category")
                .setReason(reason)
                .setEvidence(List.of())
                .setFeedbackCount(42)
                .setRequestedAt(Instant.now())
                .build();
        try (AvroSerializer<RetrainRequest> serializer = new AvroSerializer<>()) {
            serializer.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false);
            produceRaw(
                    topic("retrain"),
                    "default".getBytes(StandardCharsets.UTF_8),
                    serializer.serialize(topic("retrain"), request));
        }
    }

    private static void produceRaw(String topic, byte[] key, byte[] value) {
        Map<String, Object> cfg = new HashMap<>(stack.kafka().clientConfig());
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(cfg, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value));
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(
                new HashMap<>(stack.kafka().clientConfig()),
                new org.apache.kafka.common.serialization.StringSerializer(),
                new ByteArraySerializer());
    }

    /** The first committed record of {@code type} on {@code topic} that matches, within {@link #WAIT}. */
    private static <T extends SpecificRecord> T awaitRecord(String topic, Class<T> type, Predicate<T> matches) {
        Map<String, Object> cfg = new HashMap<>(stack.kafka().clientConfig());
        cfg.put(ConsumerConfig.GROUP_ID_CONFIG, "console-test-" + topic + "-" + System.nanoTime());
        cfg.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        cfg.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer =
                        new KafkaConsumer<>(cfg, new ByteArrayDeserializer(), new ByteArrayDeserializer());
                AvroDeserializer<T> values = new AvroDeserializer<>(type)) {
            values.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false);
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    T value = values.deserialize(topic, r.value());
                    if (matches.test(value)) {
                        return value;
                    }
                }
            }
        }
        throw new AssertionError("no matching " + type.getSimpleName() + " on " + topic + " within " + WAIT);
    }

    private static ConsoleTopics topics() {
        return new ConsoleTopics(
                topic("out"),
                topic("dlq"),
                topic("drift"),
                topic("stats"),
                topic("review"),
                topic("feedback"),
                topic("retrain"));
    }

    private static String topic(String suffix) {
        return NAME + "-" + suffix;
    }

    private static RegistrationRequest lineage(ModelVersion parent) {
        return new RegistrationRequest(
                parent.manifest().tasks(),
                parent.manifest().format(),
                parent.manifest().labels(),
                Map.of("macro_f1", 0.91),
                null,
                "sha256:console-test-data",
                parent.version());
    }

    /**
     * A registered version's files without its manifest, which the registry writes anew, plus the record the
     * retrainer leaves in a version it made for {@value #RETRAIN_REQUEST}.
     */
    private static Path retrained(Path version) throws IOException {
        Path copy = Files.createTempDirectory(registryDir, "artifacts");
        try (Stream<Path> files = Files.walk(version)) {
            for (Path f : files.toList()) {
                Path target = copy.resolve(version.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else if (!f.getFileName().toString().equals("manifest.json")) {
                    Files.copy(f, target);
                }
            }
        }
        Path record = copy.resolve(VersionFiles.retrainingRecord(RETRAIN_REQUEST));
        Files.createDirectories(record.getParent());
        Files.writeString(record, "{\"request_id\": \"" + RETRAIN_REQUEST + "\"}");
        return copy;
    }
}
