package io.streamnlp.flink.inference;

import io.streamnlp.inference.pipeline.NlpPipeline;
import io.streamnlp.schemas.avro.ModelRef;

/** A loaded, verified and warmed model version together with the reference records carry. */
public record ServedModel(ModelRef ref, NlpPipeline pipeline) implements AutoCloseable {

    /** "name:version", for logs and metrics. */
    public String label() {
        return ref.getName() + ":" + ref.getVersion();
    }

    @Override
    public void close() {
        pipeline.close();
    }
}
