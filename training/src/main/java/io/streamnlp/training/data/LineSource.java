package io.streamnlp.training.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads all lines of a UTF-8 dataset, turning I/O problems into {@link DatasetFormatException}s. */
final class LineSource {
    private LineSource() {}

    static List<String> lines(Path file) throws DatasetFormatException {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw new DatasetFormatException(name, 0, "is a directory, expected a file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return lines(name, in);
        } catch (NoSuchFileException e) {
            throw new DatasetFormatException(name, 0, "no such file");
        } catch (IOException e) {
            throw new DatasetFormatException(name, "cannot read: " + e.getMessage(), e);
        }
    }

    static List<String> lines(String name, InputStream in) throws DatasetFormatException {
        // strict decoding: a binary or mis-encoded file is an error, not a run of U+FFFD labels
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
        List<String> lines = new ArrayList<>();
        try (BufferedReader br = new BufferedReader(reader)) {
            for (String line = br.readLine(); line != null; line = br.readLine()) {
                lines.add(lines.isEmpty() && line.startsWith("\uFEFF") ? line.substring(1) : line);
            }
        } catch (CharacterCodingException e) {
            throw new DatasetFormatException(name, lines.size() + 1, "not valid UTF-8");
        } catch (IOException e) {
            throw new DatasetFormatException(name, "cannot read: " + e.getMessage(), e);
        }
        if (lines.stream().allMatch(String::isBlank)) {
            throw new DatasetFormatException(name, 0, "is empty");
        }
        return lines;
    }
}
