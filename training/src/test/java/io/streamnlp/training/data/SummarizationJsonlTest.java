package io.streamnlp.training.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummarizationJsonlTest {
    @TempDir
    Path dir;

    @Test
    void roundTrips() throws Exception {
        List<SummaryPair> pairs = List.of(new SummaryPair("One. Two \"quoted\".\nThree.", "One."));
        Path file = dir.resolve("s.jsonl");
        SummarizationJsonl.write(file, pairs);
        assertEquals(pairs, SummarizationJsonl.read(file));
    }

    @Test
    void badLinesAreReportedWithTheirLine() throws Exception {
        Path notJson = write("{\"document\":\"a\",\"summary\":\"b\"}\n{oops\n");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> SummarizationJsonl.read(notJson));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith(notJson + ":2: not a JSON object"), e.getMessage());

        Path missing = write("{\"document\":\"a\"}\n");
        assertEquals(
                missing + ":1: missing or empty string field \"summary\"",
                assertThrows(DatasetFormatException.class, () -> SummarizationJsonl.read(missing))
                        .getMessage());
        Path array = write("[1, 2]\n");
        assertEquals(
                array + ":1: not a JSON object",
                assertThrows(DatasetFormatException.class, () -> SummarizationJsonl.read(array))
                        .getMessage());
    }

    private Path write(String content) throws Exception {
        Path file = Files.createTempFile(dir, "data", ".jsonl");
        Files.writeString(file, content);
        return file;
    }
}
