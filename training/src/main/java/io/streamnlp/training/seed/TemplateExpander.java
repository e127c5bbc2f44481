package io.streamnlp.training.seed;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Expands a template into segments. {@code [a|b|c]} picks one plain alternative (paraphrases; no
 * nesting), {@code {TYPE}} fills an entity slot of that type from {@link SlotFillers}.
 */
final class TemplateExpander {
    private final SlotFillers fillers;

    TemplateExpander(SlotFillers fillers) {
        this.fillers = fillers;
    }

    List<Segment> expand(String template, Random random) {
        String chosen = chooseAlternatives(template, random);
        List<Segment> out = new ArrayList<>();
        int i = 0;
        while (i < chosen.length()) {
            int open = chosen.indexOf('{', i);
            if (open < 0) {
                out.add(Segment.plain(chosen.substring(i)));
                break;
            }
            if (open > i) {
                out.add(Segment.plain(chosen.substring(i, open)));
            }
            int end = closing(chosen, open, '}');
            String type = chosen.substring(open + 1, end);
            out.add(new Segment(fillers.fill(type, random), type));
            i = end + 1;
        }
        return out;
    }

    /** Alternatives are resolved first, so that an alternative may itself hold a slot. */
    private static String chooseAlternatives(String template, Random random) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('[', i);
            if (open < 0) {
                sb.append(template, i, template.length());
                break;
            }
            sb.append(template, i, open);
            int end = closing(template, open, ']');
            String[] options = template.substring(open + 1, end).split("\\|", -1);
            sb.append(options[random.nextInt(options.length)]);
            i = end + 1;
        }
        return sb.toString();
    }

    private static int closing(String template, int open, char close) {
        int end = template.indexOf(close, open);
        if (end < 0) {
            throw new IllegalArgumentException("unclosed '" + template.charAt(open) + "' in template: " + template);
        }
        return end;
    }
}
