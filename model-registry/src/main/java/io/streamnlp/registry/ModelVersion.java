package io.streamnlp.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.streamnlp.schemas.avro.ModelRef;

/**
 * One immutable version as the registry reports it.
 *
 * @param digest {@code sha256:<hex>} over the version's manifest.json bytes
 * @param archived true once archived: still readable by explicit version, never by alias or "latest"
 */
public record ModelVersion(
        @JsonProperty("name") String name,
        @JsonProperty("version") int version,
        @JsonProperty("digest") String digest,
        @JsonProperty("archived") boolean archived,
        @JsonProperty("manifest") ModelManifest manifest) {

    public ModelReference reference() {
        return ModelReference.ofVersion(name, version);
    }

    /** The Avro reference that enriched records carry to name the model that produced a field. */
    public ModelRef toModelRef() {
        return ModelRef.newBuilder()
                .setName(name)
                .setVersion(Integer.toString(version))
                .setDigest(digest)
                .build();
    }

    @Override
    public String toString() {
        return name + ":" + version + " " + digest + (archived ? " (archived)" : "");
    }
}
