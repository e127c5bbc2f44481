package io.streamnlp.cli.retrainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.cli.CliRun;
import io.streamnlp.cli.StreamNlp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad configurations stop {@code streamnlp retrainer} before it connects to anything: one line, exit 2. */
class RetrainerCommandTest {

    @Test
    void aMalformedValueIsOneLineAndExitCode2(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("retrainer.properties"), "retrain.holdout-fraction=1.5\n");
        assertUsageError(
                "streamnlp retrainer: retrain.holdout-fraction must be in [0.0, 1.0], got 1.5 (see 'streamnlp retrainer --help')",
                "retrainer",
                "--config",
                config.toString());
    }

    @Test
    void anUnknownOverrideIsRefused(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("retrainer.properties"), "model.registry.dir=" + dir + "\n");
        assertUsageError(
                "streamnlp retrainer: unknown configuration key(s) retrain.promotion-margn (see 'streamnlp retrainer --help')",
                "retrainer",
                "--config",
                config.toString(),
                "--retrain.promotion-margn",
                "0.1");
    }

    @Test
    void theConfigFileIsRequired() {
        CliRun run = CliRun.of("retrainer");
        assertEquals(StreamNlp.EXIT_USAGE, run.exit());
        assertTrue(run.err().startsWith("streamnlp retrainer: Missing required option: '--config=FILE'"), run.err());
    }

    @Test
    void overridesWinOverTheFile(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(
                dir.resolve("retrainer.properties"),
                "model.registry.dir=" + dir + "\nretrain.seed=1\ntrigger.consecutive-windows=4\n");
        RetrainerCommand command = new RetrainerCommand();
        new CommandLine(command)
                .parseArgs(
                        "--config",
                        config.toString(),
                        "--retrain.seed",
                        "9",
                        "--kafka.bootstrap.servers",
                        "kafka:19092");
        var settings = command.config();
        assertEquals(9, settings.retraining().training().seed());
        assertEquals("kafka:19092", settings.trigger().bootstrapServers());
        assertEquals(4, settings.trigger().consecutiveWindows());
    }

    private static void assertUsageError(String expected, String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(StreamNlp.EXIT_USAGE, run.exit());
        assertEquals(expected, run.err().strip());
    }
}
