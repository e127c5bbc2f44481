package io.streamnlp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommonOptionsTest {

    @Test
    void precisionIsAutoFp32OrInt8AndNothingElse() {
        assertEquals("auto", new Settings(CommonOptions.ALL, Map.of()).get(CommonOptions.INFERENCE_PRECISION));
        assertEquals(
                "int8",
                new Settings(CommonOptions.ALL, Map.of("inference.precision", "INT8"))
                        .get(CommonOptions.INFERENCE_PRECISION));
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> new Settings(CommonOptions.ALL, Map.of("inference.precision", "bf16"))
                        .get(CommonOptions.INFERENCE_PRECISION));
        assertEquals("inference.precision must be auto, fp32 or int8, got 'bf16'", e.getMessage());
    }

    @Test
    void streamnlpHomeDefaultsToADotFolderInTheUsersHome() {
        assertEquals(Path.of("/data/snlp"), CommonOptions.streamnlpHome(Map.of("STREAMNLP_HOME", "/data/snlp"), "/u"));
        assertEquals(Path.of("/u/.streamnlp"), CommonOptions.streamnlpHome(Map.of("STREAMNLP_HOME", " "), "/u"));
        assertEquals(CommonOptions.streamnlpHome().resolve("registry"), CommonOptions.defaultModelRegistryDir());
    }
}
