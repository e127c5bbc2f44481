package io.streamnlp.console;

import io.streamnlp.config.OptionTables;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The option table of docs/console.md is generated from {@link ConsoleOptions}; this fails when they differ. */
class ConsoleOptionsDocsTest {

    @Test
    void theDocumentedTableIsTheDeclaredOptions() throws Exception {
        OptionTables.check(Path.of("../docs/console.md"), "console", ConsoleOptions.OWN);
    }
}
