package io.streamnlp.training.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Classification data as {@code text<TAB>label} lines, no header. Blank lines are skipped. */
public final class ClassificationTsv {
    private ClassificationTsv() {}

    public static List<LabeledText> read(Path file) throws DatasetFormatException {
        return parse(file.toString(), LineSource.lines(file));
    }

    public static List<LabeledText> read(String name, InputStream in) throws DatasetFormatException {
        return parse(name, LineSource.lines(name, in));
    }

    private static List<LabeledText> parse(String name, List<String> lines) throws DatasetFormatException {
        List<LabeledText> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int tab = line.lastIndexOf('\t');
            if (tab < 0) {
                throw new DatasetFormatException(name, i + 1, "no tab between text and label");
            }
            String text = line.substring(0, tab).strip();
            String label = line.substring(tab + 1).strip();
            if (text.isEmpty()) {
                throw new DatasetFormatException(name, i + 1, "empty text");
            }
            if (label.isEmpty() || label.chars().anyMatch(Character::isWhitespace)) {
                throw new DatasetFormatException(
                        name, i + 1, "bad label '" + label + "' (expected one word after the tab)");
            }
            out.add(new LabeledText(text, label));
        }
        return out;
    }

    public static void write(Path file, List<LabeledText> examples) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (LabeledText e : examples) {
                if (e.text().indexOf('\t') >= 0 || e.text().indexOf('\n') >= 0) {
                    throw new IllegalArgumentException("text contains a tab or newline: " + e.text());
                }
                w.write(e.text() + "\t" + e.label() + "\n");
            }
        }
    }
}
