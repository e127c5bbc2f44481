package io.streamnlp.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StreamNlpHelpTest {

    /** The command list shows one summary line per command: it must be a whole sentence, not a cut one. */
    @Test
    void everyCommandSummarizesItselfInOneWholeSentence() {
        List<String> cut = new ArrayList<>();
        collect(StreamNlp.commandLine(), cut);
        assertTrue(cut.isEmpty(), "summaries cut mid-sentence: " + cut);
    }

    private static void collect(CommandLine command, List<String> cut) {
        for (CommandLine sub : command.getSubcommands().values()) {
            CommandLine.Model.UsageMessageSpec usage = sub.getCommandSpec().usageMessage();
            String[] lines = usage.header().length > 0 ? usage.header() : usage.description();
            String summary = lines.length == 0 ? "" : lines[0].strip();
            if (!summary.endsWith(".")) {
                cut.add(sub.getCommandSpec().qualifiedName() + ": \"" + summary + "\"");
            }
            collect(sub, cut);
        }
    }
}
