package io.streamnlp.training.eval;

import io.streamnlp.inference.task.Entity;
import io.streamnlp.training.data.TaggedSentence;
import java.util.ArrayList;
import java.util.List;

/** Turns entities predicted as character spans of {@link TaggedSentence#text()} back into word-level IOB2 tags. */
final class EntityTags {
    private EntityTags() {}

    static List<String> of(TaggedSentence sentence, List<Entity> entities) {
        int[] starts = sentence.tokenStarts();
        List<String> tags = new ArrayList<>(starts.length);
        for (int w = 0; w < starts.length; w++) {
            tags.add("O");
        }
        for (Entity e : entities) {
            boolean first = true;
            for (int w = 0; w < starts.length; w++) {
                int end = starts[w] + sentence.tokens().get(w).length();
                if (starts[w] >= e.start() && end <= e.end()) {
                    tags.set(w, (first ? "B-" : "I-") + e.type());
                    first = false;
                }
            }
        }
        return tags;
    }
}
