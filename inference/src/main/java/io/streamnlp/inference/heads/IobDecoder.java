package io.streamnlp.inference.heads;

import io.streamnlp.inference.task.Entity;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns per-word IOB2 labels into entities. Model output is not guaranteed to be well-formed IOB2,
 * so the decoder is lenient the way the transformers pipeline is: an {@code I-X} that does not
 * continue an {@code X} entity starts a new one, and a label that is not IOB2 counts as {@code O}.
 */
public final class IobDecoder {

    /**
     * A word with the label predicted for its first sub-word.
     *
     * @param start start offset of the word in the text (UTF-16 units)
     * @param end end offset of the word's last sub-word, exclusive
     * @param label IOB2 label
     * @param score probability of the label
     */
    public record WordLabel(int start, int end, String label, float score) {}

    private IobDecoder() {}

    /** Entities in text order; {@code words} must be in text order. */
    public static List<Entity> decode(String text, List<WordLabel> words) {
        List<Entity> out = new ArrayList<>();
        Open open = null;
        for (WordLabel w : words) {
            String label = w.label();
            boolean begin = label.startsWith("B-") && label.length() > 2;
            boolean inside = label.startsWith("I-") && label.length() > 2;
            String type = begin || inside ? label.substring(2) : null;
            if (inside && open != null && open.type.equals(type)) {
                open.extend(w);
                continue;
            }
            if (open != null) {
                out.add(open.toEntity(text));
                open = null;
            }
            if (type != null) {
                open = new Open(type, w);
            }
        }
        if (open != null) {
            out.add(open.toEntity(text));
        }
        return out;
    }

    private static final class Open {
        final String type;
        final int start;
        int end;
        double scoreSum;
        int words;

        Open(String type, WordLabel first) {
            this.type = type;
            this.start = first.start();
            extend(first);
        }

        void extend(WordLabel w) {
            end = w.end();
            scoreSum += w.score();
            words++;
        }

        Entity toEntity(String text) {
            return new Entity(type, text.substring(start, end), start, end, (float) (scoreSum / words));
        }
    }
}
