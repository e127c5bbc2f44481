package io.streamnlp.training.data;

import java.util.List;

/** One NER sentence: tokens and their IOB2 tags, position by position. */
public record TaggedSentence(List<String> tokens, List<String> tags) {
    public TaggedSentence {
        tokens = List.copyOf(tokens);
        tags = List.copyOf(tags);
        if (tokens.size() != tags.size()) {
            throw new IllegalArgumentException(tokens.size() + " tokens but " + tags.size() + " tags");
        }
    }

    /** The tokens joined by single spaces: the text the encoder sees for this sentence. */
    public String text() {
        return String.join(" ", tokens);
    }

    /** Character offset of each token in {@link #text()}. */
    public int[] tokenStarts() {
        int[] starts = new int[tokens.size()];
        int pos = 0;
        for (int i = 0; i < tokens.size(); i++) {
            starts[i] = pos;
            pos += tokens.get(i).length() + 1;
        }
        return starts;
    }
}
