package io.streamnlp.flink.config;

import io.streamnlp.config.OptionTables;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JobOptionsDocsTest {

    @Test
    void docsFlinkJobListsEveryOptionOfTheJob() throws IOException {
        OptionTables.check(Path.of("../docs/flink-job.md"), "flink-job", JobOptions.OWN);
    }
}
