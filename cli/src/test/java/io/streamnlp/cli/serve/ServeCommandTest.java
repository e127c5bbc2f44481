package io.streamnlp.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code streamnlp serve}'s settings are refused before anything starts: one line, exit status 2. */
class ServeCommandTest {

    @TempDir
    Path temp;

    @Test
    void anOpenBindWithoutATokenIsAUsageError() {
        CliRun run = CliRun.of("serve", "--bind", "0.0.0.0", "--model.registry.dir", temp.toString());

        assertEquals(2, run.exit());
        assertTrue(run.err().contains("without a token"), run.err());
    }

    @Test
    void anUnknownKeyIsAUsageError() {
        CliRun run = CliRun.of("serve", "--server.prot", "8095");

        assertEquals(2, run.exit());
        assertTrue(run.err().contains("server.prot"), run.err());
    }

    @Test
    void theTokenFileAndPortReachTheServerSettings() throws Exception {
        Path token = Files.writeString(temp.resolve("token"), "s3cret\n");
        ServeCommand command = new ServeCommand();
        new CommandLine(command)
                .parseArgs(
                        "--bind", "0.0.0.0", "--port", "0", "--token-file", token.toString(), "--batch.max-size", "8");

        assertEquals("s3cret", command.config().token());
        assertEquals(0, command.config().bind().getPort());
        assertEquals(8, command.config().batching().maxBatchSize());
    }
}
