package io.streamnlp.server.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamnlp.bundle.HeadGraphWriter;
import io.streamnlp.bundle.Json;
import io.streamnlp.bundle.LinearHead;
import io.streamnlp.config.Settings;
import io.streamnlp.inference.bench.BenchmarkCorpus;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.registry.RegistrationRequest;
import io.streamnlp.server.ServerConfig;
import io.streamnlp.server.ServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The API benchmark on a small real model: every figure of its JSON is there and consistent. */
@Timeout(180)
class ApiBenchmarkTest {

    @TempDir
    Path temp;

    @Test
    void reportsThroughputLatencyAndEfficiencyAgainstTheInferenceLimit() throws Exception {
        Path bundle = temp.resolve("bundle");
        HeadGraphWriter.write(new LinearHead(new float[384][2], new float[] {1f, 0f}), bundle.resolve("heads/c.onnx"));
        Files.writeString(bundle.resolve("bundle.json"), """
                {"format": "streamnlp-bundle/1", "encoder": {"builtin": "all-minilm-l6-v2"},
                 "classification": [{"task": "c", "path": "heads/c.onnx", "labels": ["a", "b"]}]}
                """);
        ModelStore store = ModelStore.open(temp.resolve("registry"));
        ModelVersion version =
                store.register("small", bundle, RegistrationRequest.builder().build());
        store.setAlias("small", "champion", version.version());
        ServerConfig config = ServerConfig.of(
                new Settings(
                        ServerOptions.ALL,
                        Map.of(
                                "server.port", "0",
                                "model.registry.dir", store.root().toString(),
                                "model.ref", "small@champion",
                                "inference.intra-op-threads", "1")),
                Map.of());
        List<String> corpus = BenchmarkCorpus.generate(16, 42);

        ApiBenchmarkReport report = ApiBenchmark.run(config, store.directory(version), "small:1", corpus, 2);
        JsonNode json = Json.MAPPER.readTree(report.toJson());

        for (String field : List.of("tps", "p50_ms", "p99_ms", "inference_limit_tps", "efficiency")) {
            assertTrue(json.path(field).asDouble() > 0, field + " in " + json);
        }
        assertEquals(2, json.path("clients").asInt());
        assertEquals(16, json.path("texts").asInt());
        assertTrue(json.path("p50_ms").asDouble() <= json.path("p99_ms").asDouble(), json.toString());
        assertEquals(report.tps() / report.inferenceLimitTps(), report.efficiency(), 1e-9);
        double batch = json.path("mean_batch_size").asDouble();
        assertTrue(batch >= 1 && batch <= 2, "two clients share batches of one or two texts: " + json);
    }
}
