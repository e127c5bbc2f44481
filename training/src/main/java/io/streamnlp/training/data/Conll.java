package io.streamnlp.training.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * NER data in CoNLL layout: {@code token<TAB>tag} per line, a blank line between sentences; tags in
 * strict IOB2 (an {@code I-X} must continue a {@code B-X} or {@code I-X}). When a line has more than two
 * columns the first is the token and the last the tag. {@code -DOCSTART-} lines are skipped.
 */
public final class Conll {
    private Conll() {}

    public static List<TaggedSentence> read(Path file) throws DatasetFormatException {
        return parse(file.toString(), LineSource.lines(file));
    }

    public static List<TaggedSentence> read(String name, InputStream in) throws DatasetFormatException {
        return parse(name, LineSource.lines(name, in));
    }

    private static List<TaggedSentence> parse(String name, List<String> lines) throws DatasetFormatException {
        List<TaggedSentence> out = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                flush(tokens, tags, out);
                continue;
            }
            if (line.startsWith("-DOCSTART-")) {
                continue;
            }
            String[] cols = line.split("\t");
            if (cols.length < 2) {
                throw new DatasetFormatException(name, i + 1, "no tab between token and tag");
            }
            String token = cols[0].strip();
            String tag = cols[cols.length - 1].strip();
            if (token.isEmpty()) {
                throw new DatasetFormatException(name, i + 1, "empty token");
            }
            if (!Iob2.isValid(tag)) {
                throw new DatasetFormatException(
                        name, i + 1, "unknown tag '" + tag + "' (expected O, B-TYPE or I-TYPE)");
            }
            String previous = tags.isEmpty() ? null : tags.get(tags.size() - 1);
            if (!Iob2.mayFollow(previous, tag)) {
                throw new DatasetFormatException(
                        name,
                        i + 1,
                        "broken IOB2: " + tag + " after " + (previous == null ? "sentence start" : previous)
                                + " (an entity must start with B-)");
            }
            tokens.add(token);
            tags.add(tag);
        }
        flush(tokens, tags, out);
        if (out.isEmpty()) {
            throw new DatasetFormatException(name, 0, "has no sentences");
        }
        return out;
    }

    private static void flush(List<String> tokens, List<String> tags, List<TaggedSentence> out) {
        if (!tokens.isEmpty()) {
            out.add(new TaggedSentence(tokens, tags));
            tokens.clear();
            tags.clear();
        }
    }

    public static void write(Path file, List<TaggedSentence> sentences) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (TaggedSentence s : sentences) {
                for (int i = 0; i < s.tokens().size(); i++) {
                    w.write(s.tokens().get(i) + "\t" + s.tags().get(i) + "\n");
                }
                w.write("\n");
            }
        }
    }
}
