package io.streamnlp.inference.testing;

import io.streamnlp.inference.encoder.SharedEncoder;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.inference.runtime.Precision;
import java.nio.file.Path;

/**
 * One built-in encoder per test JVM: loading MiniLM takes about a second and tests only read from
 * it, so test classes share it instead of each loading their own.
 */
public final class TestEncoders {

    private static SharedEncoder encoder;

    private TestEncoders() {}

    public static synchronized SharedEncoder miniLm() {
        if (encoder == null) {
            encoder = SharedEncoder.builtin(options());
            Runtime.getRuntime().addShutdownHook(new Thread(encoder::close));
        }
        return encoder;
    }

    /**
     * Small thread pools: the test machine is shared. fp32, not the CPU default int8: these tests pin down
     * fp32's guarantees (results independent of the batch within 1e-4); Int8EncoderTest covers int8.
     */
    public static InferenceOptions options() {
        return InferenceOptions.builder()
                .precision(Precision.FP32)
                .intraOpThreads(1)
                .modelCacheDir(Path.of(System.getProperty("java.io.tmpdir"), "streamnlp-test-models"))
                .build();
    }
}
