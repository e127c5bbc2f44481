package io.streamnlp.server;

import io.streamnlp.config.OptionTables;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The option table of docs/api.md is generated from {@link ServerOptions}; this fails when they differ. */
class ServerOptionsDocsTest {

    @Test
    void theDocumentedTableIsTheDeclaredOptions() throws Exception {
        OptionTables.check(Path.of("../docs/api.md"), "server", ServerOptions.OWN);
    }
}
