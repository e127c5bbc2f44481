package io.streamnlp.inference.heads;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamnlp.inference.heads.IobDecoder.WordLabel;
import io.streamnlp.inference.task.Entity;
import java.util.List;
import org.junit.jupiter.api.Test;

class IobDecoderTest {

    private static final String TEXT = "Ada Lovelace met Charles Babbage in London";

    private static WordLabel w(String word, String label, float score) {
        int start = TEXT.indexOf(word);
        return new WordLabel(start, start + word.length(), label, score);
    }

    @Test
    void decodesWellFormedIob2() {
        List<Entity> e = IobDecoder.decode(
                TEXT,
                List.of(
                        w("Ada", "B-PER", 0.9f),
                        w("Lovelace", "I-PER", 0.7f),
                        w("met", "O", 1f),
                        w("Charles", "B-PER", 0.8f),
                        w("Babbage", "I-PER", 0.8f),
                        w("in", "O", 1f),
                        w("London", "B-LOC", 0.6f)));
        assertEquals(
                List.of("PER:Ada Lovelace:0:12", "PER:Charles Babbage:17:32", "LOC:London:36:42"),
                e.stream()
                        .map(x -> x.type() + ":" + x.text() + ":" + x.start() + ":" + x.end())
                        .toList());
        assertEquals(0.8f, e.get(0).score(), 1e-6f, "mean of the word scores");
        assertEquals(0.6f, e.get(2).score(), 1e-6f);
    }

    @Test
    void toleratesBrokenSequences() {
        List<Entity> e = IobDecoder.decode(
                TEXT,
                List.of(
                        w("Ada", "I-PER", 1f),
                        w("Lovelace", "I-LOC", 1f),
                        w("met", "B-", 1f),
                        w("Charles", "B-PER", 1f),
                        w("Babbage", "B-PER", 1f),
                        w("in", "garbage", 1f),
                        w("London", "I-LOC", 1f)));
        assertEquals(
                List.of("PER:Ada", "LOC:Lovelace", "PER:Charles", "PER:Babbage", "LOC:London"),
                e.stream().map(x -> x.type() + ":" + x.text()).toList());
    }

    @Test
    void noWordsNoEntities() {
        assertEquals(List.of(), IobDecoder.decode("", List.of()));
    }
}
