package io.streamnlp.finetune;

import io.streamnlp.inference.encoder.EncoderFiles;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.inference.runtime.Precision;
import java.nio.file.Path;

/** The built-in MiniLM files and ONNX Runtime options the tests share. */
public final class TestEncoder {

    public static final int MAX_LENGTH = 128;

    private TestEncoder() {}

    /** fp32, not the CPU default int8: the tests compare the served graphs with PyTorch within 1e-3. */
    public static InferenceOptions options() {
        return InferenceOptions.builder()
                .precision(Precision.FP32)
                .intraOpThreads(1)
                .modelCacheDir(Path.of(System.getProperty("java.io.tmpdir"), "streamnlp-test-models"))
                .build();
    }

    public static EncoderFiles files() {
        return EncoderFiles.builtinMiniLm(options().modelCacheDir(), MAX_LENGTH);
    }
}
