package io.streamnlp.server;

import io.streamnlp.inference.pipeline.NlpPipeline;
import io.streamnlp.registry.ModelVersion;

/** A loaded and warmed registry version, and the pipeline that serves it. */
record ServedModel(ModelVersion version, NlpPipeline pipeline) implements AutoCloseable {

    @Override
    public void close() {
        pipeline.close();
    }
}
