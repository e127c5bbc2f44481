package io.streamnlp.training.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
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
        byte[] bytes;
        try {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new DatasetFormatException(name, "cannot read: " + e.getMessage(), e);
        }
        String text = decode(name, bytes);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> lines = new ArrayList<>(text.lines().toList());
        if (lines.stream().allMatch(String::isBlank)) {
            throw new DatasetFormatException(name, 0, "is empty");
        }
        return lines;
    }

    /** Strict UTF-8: a binary or mis-encoded file is an error naming its line, not a run of U+FFFD. */
    private static String decode(String name, byte[] bytes) throws DatasetFormatException {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new DatasetFormatException(name, line, "not valid UTF-8");
        }
        return out.flip().toString();
    }
}
