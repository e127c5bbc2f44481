package io.streamnlp.training.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConllTest {
    @TempDir
    Path dir;

    @Test
    void readsSentencesSeparatedByBlankLines() throws Exception {
        Path file = write("-DOCSTART-\tO\n\nAnna\tB-PERSON\nMüller\tI-PERSON\nwrote\tO\n\n\nHi\tO\n");
        List<TaggedSentence> sentences = Conll.read(file);
        assertEquals(2, sentences.size());
        assertEquals(List.of("Anna", "Müller", "wrote"), sentences.get(0).tokens());
        assertEquals(List.of("B-PERSON", "I-PERSON", "O"), sentences.get(0).tags());
        assertEquals("Anna Müller wrote", sentences.get(0).text());
        assertEquals(5, sentences.get(0).tokenStarts()[1]);
    }

    @Test
    void takesFirstAndLastColumnOfWiderFiles() throws Exception {
        List<TaggedSentence> sentences = Conll.read(write("EU\tNNP\tB-NP\tB-ORG\n"));
        assertEquals(new TaggedSentence(List.of("EU"), List.of("B-ORG")), sentences.get(0));
    }

    @Test
    void hyphenatedTypesAreValid() throws Exception {
        assertEquals(
                List.of("B-creative-work", "I-creative-work"),
                Conll.read(write("Star\tB-creative-work\nWars\tI-creative-work\n"))
                        .get(0)
                        .tags());
    }

    @Test
    void bundleSafeSpellingReplacesCharactersBundleLabelsDisallow() {
        assertEquals(
                List.of("O", "B-creative_work", "I-creative_work", "B-PER"),
                Iob2.bundleSafe(List.of("O", "B-creative-work", "I-creative-work", "B-PER")));
    }

    @Test
    void malformedLinesAreReportedWithTheirLine() throws Exception {
        assertError("a\tO\nb O\n", 2, "no tab between token and tag");
        assertError("a\tO\nb\tPER\n", 2, "unknown tag 'PER' (expected O, B-TYPE or I-TYPE)");
        assertError("a\tO\nb\tI-PER\n", 2, "broken IOB2: I-PER after O (an entity must start with B-)");
        assertError("a\tB-ORG\nb\tI-PER\n", 2, "broken IOB2: I-PER after B-ORG (an entity must start with B-)");
        assertError("a\tO\n\nb\tI-PER\n", 3, "broken IOB2: I-PER after sentence start (an entity must start with B-)");
    }

    @Test
    void fileWithoutSentencesIsRejected() throws Exception {
        Path file = write("-DOCSTART-\tO\n\n");
        assertEquals(
                file + ": has no sentences",
                assertThrows(DatasetFormatException.class, () -> Conll.read(file))
                        .getMessage());
    }

    private void assertError(String content, int line, String problem) throws Exception {
        Path file = write(content);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Conll.read(file));
        assertEquals(file + ":" + line + ": " + problem, e.getMessage());
    }

    private Path write(String content) throws Exception {
        Path file = Files.createTempFile(dir, "data", ".conll");
        Files.writeString(file, content);
        return file;
    }
}
