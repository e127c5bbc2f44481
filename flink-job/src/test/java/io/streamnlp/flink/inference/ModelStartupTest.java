package io.streamnlp.flink.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.registry.ModelStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStartupTest {
    @TempDir
    Path registry;

    private Throwable startWith(String ref) {
        ModelStore.open(registry);
        JobConfig config = JobConfig.of(
                Map.of("model.registry.dir", registry.toString(), "model.ref", ref, "model.load-attempts", "1"));
        AtomicInteger failures = new AtomicInteger();
        ModelStartup startup = new ModelStartup(new ModelLoader(config), config.model(), failures::incrementAndGet);
        try {
            startup.load(List.of());
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("started without a model");
    }

    @Test
    void aJobNamingAnUnregisteredDefaultModelSaysHowToRegisterIt() {
        assertThat(startWith("default@champion"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot resolve model default@champion (register it once with `streamnlp"
                        + " registry init-default --registry DIR`")
                .hasMessageContaining("no version was served before to fall back to (1 attempts)");
    }

    @Test
    void anyOtherMissingModelIsReportedWithoutTheHint() {
        assertThat(startWith("tickets@champion"))
                .hasMessageStartingWith("cannot resolve model tickets@champion, and no version");
    }
}
