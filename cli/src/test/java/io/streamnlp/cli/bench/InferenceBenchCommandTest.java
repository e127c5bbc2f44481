package io.streamnlp.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamnlp.bundle.Json;
import io.streamnlp.cli.CliRun;
import io.streamnlp.training.data.ClassificationTsv;
import io.streamnlp.training.seed.SeedCorpus;
import io.streamnlp.training.seed.Split;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench inference --encoder}: built-in encoders side by side on the project's seed data. */
@Timeout(300)
class InferenceBenchCommandTest {

    @TempDir
    Path temp;

    @Test
    void encodersAreComparedOnSpeedAndDevQualityInOneRun() throws Exception {
        SeedCorpus seed = SeedCorpus.bundled();
        Path train = temp.resolve("train.tsv");
        ClassificationTsv.write(
                train, seed.classification("moderation", Split.TRAIN).subList(0, 60));
        Path dev = temp.resolve("dev.tsv");
        ClassificationTsv.write(
                dev, seed.classification("moderation", Split.DEV).subList(0, 20));

        CliRun r = CliRun.of(
                "bench",
                "inference",
                "--encoder",
                "all-minilm-l6-v2,e5-small-v2:cls",
                "--texts",
                "24",
                "--threads",
                "1",
                "--train",
                train.toString(),
                "--dev",
                dev.toString(),
                "--json");

        assertEquals(0, r.exit(), r.err());
        JsonNode report = Json.MAPPER.readTree(r.out());
        assertEquals(24, report.get("texts").asInt());
        assertEquals(20, report.get("dev_n").asInt());
        JsonNode rows = report.get("encoders");
        assertEquals(2, rows.size());
        assertEquals(
                List.of("all-minilm-l6-v2", "e5-small-v2"),
                List.of(
                        rows.get(0).get("encoder").asText(),
                        rows.get(1).get("encoder").asText()));
        assertEquals("mean", rows.get(0).get("pooling").asText());
        assertEquals("cls", rows.get(1).get("pooling").asText());
        for (JsonNode row : rows) {
            assertTrue(row.get("tps").asDouble() > 0, row.toString());
            double accuracy = row.get("dev_accuracy").asDouble();
            assertTrue(accuracy > 0.5 && accuracy <= 1.0, row.toString());
        }
    }

    @Test
    void anUnknownEncoderIsOneLineAndExitTwo() {
        CliRun r = CliRun.of("bench", "inference", "--encoder", "all-minilm-l6-v2,nope");
        assertEquals(2, r.exit());
        assertEquals(
                "streamnlp bench inference: --encoder: unknown encoder 'nope' (known: all-minilm-l6-v2,"
                        + " bge-small-en-v15, e5-small-v2) (see 'streamnlp bench inference --help')\n",
                r.err());
    }
}
