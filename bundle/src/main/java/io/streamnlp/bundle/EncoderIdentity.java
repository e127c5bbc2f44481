package io.streamnlp.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The encoder whose output a head was trained on. A head's weights mean nothing on another encoder's
 * features, whatever their width, so a bundle records this with each head it trains and loading
 * refuses the head on any other encoder.
 *
 * @param encoder a built-in encoder's name, or the bundle-relative path of an encoder file (for messages)
 * @param digest what pins the weights: {@code maven:COORDINATES} of a built-in's training twin, or
 *     {@code sha256:HEX} of an encoder file
 * @param pooling how the sentence embedding was pooled, for heads on it; absent for heads on token states
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EncoderIdentity(
        @JsonProperty("encoder") String encoder,
        @JsonProperty("digest") String digest,
        @JsonProperty("pooling") Pooling pooling) {

    /** A built-in encoder with a pooling. */
    public static EncoderIdentity of(BuiltinEncoder encoder, Pooling pooling) {
        return new EncoderIdentity(encoder.id(), "maven:" + encoder.trainingArtifact(), pooling);
    }

    /** This encoder as heads on token states see it: pooling plays no part. */
    public EncoderIdentity tokenStates() {
        return new EncoderIdentity(encoder, digest, null);
    }

    /** Whether a head trained on this encoder reads the features of {@code served} as it was trained to. */
    public boolean accepts(EncoderIdentity served) {
        return digest.equals(served.digest) && (pooling == null || pooling == served.pooling);
    }

    @Override
    public String toString() {
        return encoder + (pooling == null ? "" : " (" + pooling + " pooling)") + " [" + digest + "]";
    }
}
