package io.streamnlp.finetune;

import io.streamnlp.inference.encoder.EncoderFiles;
import io.streamnlp.inference.runtime.InferenceOptions;
import java.nio.file.Path;

/** The built-in MiniLM files and ONNX Runtime options the tests share. */
public final class TestEncoder {

    public static final int MAX_LENGTH = 128;

    private TestEncoder() {}

    public static InferenceOptions options() {
        return InferenceOptions.builder()
                .intraOpThreads(1)
                .modelCacheDir(Path.of(System.getProperty("java.io.tmpdir"), "streamnlp-test-models"))
                .build();
    }

    public static EncoderFiles files() {
        return EncoderFiles.builtinMiniLm(options().modelCacheDir(), MAX_LENGTH);
    }
}
