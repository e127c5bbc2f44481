package io.streamnlp.training;

import io.streamnlp.training.data.LabeledText;
import io.streamnlp.training.data.TaggedSentence;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A SHA-256 over training data in a canonical form (texts, labels, and the recipe that turns them
 * into a model), written {@code sha256:<hex>}. Equal fingerprints mean equal training inputs.
 */
public final class DataFingerprint {
    private final MessageDigest sha;

    public DataFingerprint() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Adds a field; fields are length-prefixed, so ("ab", "c") and ("a", "bc") differ. */
    public DataFingerprint add(String field) {
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) ':');
        sha.update(bytes);
        return this;
    }

    public DataFingerprint addClassification(String name, List<LabeledText> examples) {
        add(name).add(Integer.toString(examples.size()));
        for (LabeledText e : examples) {
            add(e.text()).add(e.label());
        }
        return this;
    }

    public DataFingerprint addNer(String name, List<TaggedSentence> sentences) {
        add(name).add(Integer.toString(sentences.size()));
        for (TaggedSentence s : sentences) {
            add(Integer.toString(s.tokens().size()));
            for (int i = 0; i < s.tokens().size(); i++) {
                add(s.tokens().get(i)).add(s.tags().get(i));
            }
        }
        return this;
    }

    public String value() {
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }
}
