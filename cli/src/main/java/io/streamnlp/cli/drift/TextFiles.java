package io.streamnlp.cli.drift;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the texts of a drift input file: {@code text<TAB>label} or one text per line; blank lines are skipped. */
final class TextFiles {

    private TextFiles() {}

    /** @throws IllegalArgumentException when the file is missing, not UTF-8 or has no text */
    static List<String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        List<String> texts = new ArrayList<>(lines.size());
        for (String line : lines) {
            int tab = line.indexOf('\t');
            String text = (tab >= 0 ? line.substring(0, tab) : line).strip();
            if (!text.isEmpty()) {
                texts.add(text);
            }
        }
        if (texts.isEmpty()) {
            throw new IllegalArgumentException(file + " has no texts");
        }
        return texts;
    }
}
