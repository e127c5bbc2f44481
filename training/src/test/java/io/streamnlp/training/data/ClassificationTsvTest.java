package io.streamnlp.training.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassificationTsvTest {
    @TempDir
    Path dir;

    @Test
    void readsTextAndLabelSkippingBlankLines() throws Exception {
        Path file = write("where is my parcel?\tshipping\n\n\uFEFFrefund please\trefund\n");
        // a BOM only counts at the very start of a file; elsewhere it is text
        assertEquals(
                List.of(
                        new LabeledText("where is my parcel?", "shipping"),
                        new LabeledText("\uFEFFrefund please", "refund")),
                ClassificationTsv.read(file));
    }

    @Test
    void roundTripsThroughWrite() throws Exception {
        List<LabeledText> examples = List.of(new LabeledText("a b", "x"), new LabeledText("ünïcödé ✓", "y"));
        Path file = dir.resolve("out.tsv");
        ClassificationTsv.write(file, examples);
        assertEquals(examples, ClassificationTsv.read(file));
    }

    @Test
    void lineWithoutTabNamesFileAndLine() throws Exception {
        Path file = write("ok text\tlabel\nno tab here\n");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> ClassificationTsv.read(file));
        assertEquals(file.toString(), e.source());
        assertEquals(2, e.line());
        assertEquals(file + ":2: no tab between text and label", e.getMessage());
    }

    @Test
    void emptyTextOrLabelIsRejected() throws Exception {
        assertEquals(
                1,
                assertThrows(DatasetFormatException.class, () -> ClassificationTsv.read(write("\tlabel\n")))
                        .line());
        assertEquals(
                1,
                assertThrows(DatasetFormatException.class, () -> ClassificationTsv.read(write("text\t\n")))
                        .line());
        assertEquals(
                1,
                assertThrows(DatasetFormatException.class, () -> ClassificationTsv.read(write("text\ttwo words\n")))
                        .line());
    }

    @Test
    void emptyFileMissingFileAndBinaryFileAreTypedErrors() throws Exception {
        Path empty = write("\n\n");
        assertEquals(
                empty + ": is empty",
                assertThrows(DatasetFormatException.class, () -> ClassificationTsv.read(empty))
                        .getMessage());
        Path missing = dir.resolve("missing.tsv");
        assertEquals(
                missing + ": no such file",
                assertThrows(DatasetFormatException.class, () -> ClassificationTsv.read(missing))
                        .getMessage());
        assertThrows(DatasetFormatException.class, () -> ClassificationTsv.read(dir));
        Path binary = dir.resolve("binary.tsv");
        Files.write(binary, new byte[] {'a', '\t', 'b', '\n', (byte) 0xC3, (byte) 0x28, '\t', 'c', '\n'});
        assertEquals(
                2,
                assertThrows(DatasetFormatException.class, () -> ClassificationTsv.read(binary))
                        .line());
    }

    private Path write(String content) throws Exception {
        Path file = Files.createTempFile(dir, "data", ".tsv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
