package io.streamnlp.training.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Entity chunks of an IOB2 tag sequence with seqeval's default (lenient) conventions: a chunk ends at
 * O, at B- or at a change of type, and an I- that does not continue a chunk of its type starts one.
 */
public final class Chunks {
    private Chunks() {}

    public static List<EntitySpan> of(List<String> tags) {
        List<EntitySpan> out = new ArrayList<>();
        String type = null;
        int start = -1;
        for (int i = 0; i <= tags.size(); i++) {
            String tag = i < tags.size() ? tags.get(i) : "O";
            String tagType = tag.equals("O") ? null : tag.substring(tag.indexOf('-') + 1);
            boolean continues = type != null && tag.startsWith("I-") && type.equals(tagType);
            if (type != null && !continues) {
                out.add(new EntitySpan(type, start, i - 1));
                type = null;
            }
            if (tagType != null && !continues) {
                type = tagType;
                start = i;
            }
        }
        return out;
    }
}
