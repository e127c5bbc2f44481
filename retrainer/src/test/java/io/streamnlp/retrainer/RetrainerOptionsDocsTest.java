package io.streamnlp.retrainer;

import io.streamnlp.config.OptionTables;
import io.streamnlp.retrainer.job.RetrainingOptions;
import io.streamnlp.retrainer.trigger.TriggerOptions;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RetrainerOptionsDocsTest {

    @Test
    void docsRetrainingListsEveryOptionOfTheRetrainer() throws IOException {
        OptionTables.check(
                Path.of("../docs/retraining.md"), "retrainer", RetrainingOptions.OWN.plus(TriggerOptions.OWN));
    }
}
