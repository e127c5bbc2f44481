package io.streamnlp.training.bundle;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.streamnlp.bundle.BuiltinEncoder;
import io.streamnlp.bundle.EncoderIdentity;
import io.streamnlp.bundle.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A head trained outside the build on data the project may not ship, shipped as its ONNX graph
 * ({@code <task>.onnx}) and a description ({@code <task>.json}: labels, encoder, the training data's
 * source, licence and fingerprint, the recipe, dev scores) in the jar, beside a {@code NOTICE}.
 * {@link ShippedHeadBuild} writes both.
 *
 * @param task the task the head serves
 * @param labels output labels, in output order
 * @param encoder the encoder whose embeddings the head was trained on
 * @param source where the training data came from
 * @param licence the training data's licence
 * @param dataFingerprint SHA-256 over the training and dev examples and the split
 * @param recipe the training configuration
 * @param dev dev scores under the bundle's metric names without the task prefix ({@code accuracy},
 *     {@code macro_f1}, {@code dev_n})
 */
public record ShippedHead(
        @JsonProperty("task") String task,
        @JsonProperty("labels") List<String> labels,
        @JsonProperty("encoder") String encoder,
        @JsonProperty("source") String source,
        @JsonProperty("licence") String licence,
        @JsonProperty("data_fingerprint") String dataFingerprint,
        @JsonProperty("recipe") String recipe,
        @JsonProperty("dev") Map<String, Double> dev) {

    static final String RESOURCE_DIR = "/io/streamnlp/training/bundle/shipped/";

    public ShippedHead {
        labels = List.copyOf(labels);
        dev = Map.copyOf(dev);
    }

    /** The default bundle's moderation head, trained on the Davidson tweets. */
    public static ShippedHead moderation() {
        return bundled(DefaultBundle.MODERATION_TASK);
    }

    /** The default bundle's sentiment head, trained on real review sentences and the seed tickets. */
    public static ShippedHead sentiment() {
        return bundled(DefaultBundle.SENTIMENT_TASK);
    }

    static ShippedHead bundled(String task) {
        try (InputStream in = resource(task + ".json")) {
            return Json.MAPPER.readValue(in, ShippedHead.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped head '" + task + "'", e);
        }
    }

    /** The built-in encoder the head was trained on, pooled as its model card says (as {@link ShippedHeadBuild} trains). */
    public EncoderIdentity trainedOn() {
        BuiltinEncoder builtin = BuiltinEncoder.of(encoder);
        return EncoderIdentity.of(builtin, builtin.pooling());
    }

    /** Copies the head's graph to {@code file}. */
    public void copyTo(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (InputStream in = resource(task + ".onnx")) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** SHA-256 of the head's graph, so that a bundle built from it changes fingerprint when the weights do. */
    public String graphDigest() {
        try (InputStream in = resource(task + ".onnx")) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return "sha256:" + HexFormat.of().formatHex(sha.digest(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped head '" + task + "'", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The dev scores under the bundle's metric names ({@code moderation.macro_f1}, ...). */
    public Map<String, Double> metrics() {
        Map<String, Double> m = new TreeMap<>();
        dev.forEach((name, value) -> m.put(task + "." + name, value));
        return m;
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = ShippedHead.class.getResourceAsStream(RESOURCE_DIR + name);
        if (in == null) {
            throw new IOException("no resource " + RESOURCE_DIR + name);
        }
        return in;
    }
}
