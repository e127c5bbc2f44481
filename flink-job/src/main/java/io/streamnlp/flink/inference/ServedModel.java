package io.streamnlp.flink.inference;

import io.streamnlp.drift.ReferenceProfile;
import io.streamnlp.inference.pipeline.NlpPipeline;
import io.streamnlp.schemas.avro.ModelRef;

/**
 * A loaded, verified and warmed model version, the reference records carry, and the version's
 * reference drift profile (null when it was registered without one).
 */
public record ServedModel(ModelRef ref, NlpPipeline pipeline, ReferenceProfile reference) implements AutoCloseable {

    /** "name:version", for logs and metrics. */
    public String label() {
        return ref.getName() + ":" + ref.getVersion();
    }

    @Override
    public void close() {
        pipeline.close();
    }
}
