package io.streamnlp.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamnlp.bundle.Json;
import io.streamnlp.cli.CliRun;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eval --precision}: the default model's category head on the seed dev split at int8 against fp32. (Not
 * the moderation head: it has three labels, the seed moderation data two, and one stray int8 prediction of the
 * third would move macro-F1 by a third.)
 */
@Timeout(600)
class EvalCommandTest {
    private static final String CATEGORY_DEV = "io/streamnlp/training/seed/category-dev.tsv";

    @TempDir
    Path temp;

    @Test
    void int8ReportsItsScoresBesideFp32sOnTheSameData() throws IOException {
        Path test = temp.resolve("category-dev.tsv");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(CATEGORY_DEV)) {
            // the first 120 of the split's texts: enough for the contract, a tenth of the scoring time
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            Files.write(test, lines.subList(0, 120));
        }
        CliRun r = CliRun.of(
                "eval",
                "--task",
                "classification",
                "--head",
                "category",
                "--test",
                test.toString(),
                "--precision",
                "int8",
                "--json",
                "--quiet",
                "--registry",
                temp.resolve("registry").toString());
        assertEquals(0, r.exit(), r.err());

        JsonNode report = Json.MAPPER.readTree(r.out());
        assertEquals("int8", report.get("encoder_precision").asText());
        JsonNode fp32 = report.get("fp32");
        assertEquals(120, report.get("n").asInt());
        assertEquals(report.get("n").asInt(), fp32.get("n").asInt(), "the same data at both precisions");
        for (String metric : new String[] {"accuracy", "macro_f1"}) {
            double delta = report.get("delta_vs_fp32").get(metric).asDouble();
            assertEquals(report.get(metric).asDouble() - fp32.get(metric).asDouble(), delta, 1e-12, metric);
            assertTrue(Math.abs(delta) <= 0.05, metric + " delta " + delta);
        }
        assertTrue(fp32.get("accuracy").asDouble() > 0.9, "the fp32 side is the trained model: " + fp32);
    }

    @Test
    void anUnknownPrecisionIsAUsageError() {
        CliRun r = CliRun.of("eval", "--task", "classification", "--test", "x.tsv", "--precision", "bf16");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--precision: precision must be 'fp32' or 'int8', got 'bf16'"), r.err());
    }
}
