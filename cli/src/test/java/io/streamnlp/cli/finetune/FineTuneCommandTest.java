package io.streamnlp.cli.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.cli.StreamNlp;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad input to fine-tune: one line, exit code 2, nothing registered, no training started. */
@Timeout(60)
class FineTuneCommandTest {
    @TempDir
    Path temp;

    record Run(int exit, String out, String err) {}

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = StreamNlp.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void malformedTrainingFileIsOneLineAndExitTwo() throws Exception {
        Path registry = temp.resolve("registry");
        Path bad = Files.writeString(temp.resolve("bad.tsv"), "good text\tlabel\nno tab here\n");

        Run r = run("fine-tune", "--task", "classification", "--train", bad.toString(), "--name", "m",
                "--registry", registry.toString());

        assertEquals(2, r.exit());
        assertEquals("streamnlp fine-tune: " + bad + ":2: no tab between text and label\n", r.err());
        assertEquals("", r.out());
        assertFalse(Files.exists(registry.resolve("m")), "nothing registered");
    }

    @Test
    void unsupportedTaskAndBadSettingsAreUsageErrors() throws Exception {
        Path train = Files.writeString(temp.resolve("train.tsv"), "a\tx\nb\ty\n");

        Run ner = run("fine-tune", "--task", "ner", "--train", train.toString(), "--name", "m");
        assertEquals(2, ner.exit());
        assertTrue(ner.err().contains("--task must be classification, got 'ner'"), ner.err());

        Run batch = run("fine-tune", "--task", "classification", "--train", train.toString(), "--name", "m", "--batch", "0");
        assertEquals(2, batch.exit());
        assertTrue(batch.err().contains("batchSize must be in [1, 1024], got 0"), batch.err());
        assertEquals(1, batch.err().lines().count(), batch.err());
    }
}
