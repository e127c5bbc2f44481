package io.streamnlp.cli.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.cli.CliRun;
import io.streamnlp.console.ConsoleConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code streamnlp console}'s settings are refused before anything starts: one line, exit status 2. */
class ConsoleCommandTest {

    @TempDir
    Path temp;

    @Test
    void anOpenBindWithoutATokenIsAUsageError() {
        CliRun run = CliRun.of("console", "--console.bind", "0.0.0.0");

        assertEquals(2, run.exit());
        assertTrue(run.err().contains("without a token"), run.err());
    }

    @Test
    void anUnknownKeyIsAUsageError() {
        CliRun run = CliRun.of("console", "--console.prot", "8090");

        assertEquals(2, run.exit());
        assertTrue(run.err().contains("console.prot"), run.err());
    }

    @Test
    void theTokenFilePortAndTopicsReachTheConsoleSettings() throws Exception {
        Path token = Files.writeString(temp.resolve("token"), "s3cret\n");
        ConsoleCommand command = new ConsoleCommand();
        new CommandLine(command)
                .parseArgs("--port", "0", "--token-file", token.toString(), "--topics.moderation-review", "queue");

        ConsoleConfig config = command.config(command.settings());
        assertEquals("s3cret", config.token());
        assertEquals(0, config.bind().getPort());
        assertEquals("queue", config.topics().review());
        assertEquals("enriched-events", config.topics().enriched());
    }
}
