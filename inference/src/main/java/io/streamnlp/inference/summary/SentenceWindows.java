package io.streamnlp.inference.summary;

import io.streamnlp.inference.encoder.EncodedBatch;
import io.streamnlp.inference.encoder.EncodedText;
import io.streamnlp.inference.encoder.Vectors;
import io.streamnlp.inference.task.TextSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The embeddings of a document's sentences: each the masked mean of the token states over the sentence's tokens.
 * They come from the batch's own encoder pass; a document the encoder truncated is read on in further windows, so
 * that a news article longer than the encoder's {@code max_length} has its later sentences ranked too. Each window
 * starts at the first sentence the previous one did not hold whole, and the documents of a batch that need one more
 * window share one encoder pass. Reading stops after {@code maxTokens} tokens: a sentence cut off by the last window is
 * embedded from its tokens inside it, and later sentences are not candidates.
 */
final class SentenceWindows {

    private final Function<List<String>, EncodedBatch> encoder;
    private final int maxTokens;

    /**
     * @param encoder encodes further windows (the shared encoder's {@code encode})
     * @param maxTokens tokens read per document, special tokens included; at most the encoder's max length reads
     *     the batch's own pass only
     */
    SentenceWindows(Function<List<String>, EncodedBatch> encoder, int maxTokens) {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("need max_document_tokens >= 1, got " + maxTokens);
        }
        this.encoder = encoder;
        this.maxTokens = maxTokens;
    }

    /**
     * @param texts texts of a batch as the shared pass encoded them
     * @param sentences each text's sentences
     * @return one document per text, in order
     */
    List<Document> read(List<EncodedText> texts, List<List<TextSpan>> sentences) {
        List<Document> documents = new ArrayList<>(texts.size());
        List<Document> unfinished = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            Document d = new Document(texts.get(i).text(), sentences.get(i));
            if (!d.read(texts.get(i), 0, maxTokens)) {
                unfinished.add(d);
            }
            documents.add(d);
        }
        while (!unfinished.isEmpty()) {
            List<String> rests = new ArrayList<>(unfinished.size());
            for (Document d : unfinished) {
                rests.add(d.text.substring(d.nextStart()));
            }
            EncodedBatch windows = encoder.apply(rests);
            List<Document> still = new ArrayList<>();
            for (int i = 0; i < unfinished.size(); i++) {
                Document d = unfinished.get(i);
                if (!d.read(windows.get(i), d.nextStart(), maxTokens)) {
                    still.add(d);
                }
            }
            unfinished = still;
        }
        return documents;
    }

    /** A document's sentences, those read so far with their embeddings, and the mean of the tokens read. */
    static final class Document {
        private final String text;
        private final List<TextSpan> sentences;
        private final List<Integer> read = new ArrayList<>();
        private final List<float[]> embeddings = new ArrayList<>();
        private float[] tokenSum;
        private int next;
        private int tokens;

        private Document(String text, List<TextSpan> sentences) {
            this.text = text;
            this.sentences = sentences;
        }

        String text() {
            return text;
        }

        /** All sentences of the document, in order. */
        List<TextSpan> sentences() {
            return sentences;
        }

        /** Indices into {@link #sentences()} of the sentences that have an embedding, in order. */
        List<Integer> embedded() {
            return read;
        }

        /** The unit embeddings of the {@link #embedded()} sentences, in the same order. */
        List<float[]> embeddings() {
            return embeddings;
        }

        /** The mean of the token states read, as a unit vector: the length-weighted centroid of the document. */
        float[] centroid() {
            return tokenSum == null ? null : Vectors.normalize(tokenSum.clone());
        }

        private int nextStart() {
            return sentences.get(next).start();
        }

        /**
         * Embeds the sentences that {@code window}, the text from character {@code base} on, holds whole.
         *
         * @return whether the document is done: the window was not truncated, the token budget is spent, every
         *     sentence is read, or the window held no sentence at all
         */
        private boolean read(EncodedText window, int base, int maxTokens) {
            tokens += window.tokenCount();
            boolean last = !window.truncated() || tokens >= maxTokens;
            int count = window.tokenCount();
            int cut = count;
            int first = next;
            int token = 0;
            while (next < sentences.size()) {
                TextSpan s = sentences.get(next);
                while (token < count && (window.isSpecial(token) || window.tokenEnd(token) <= s.start() - base)) {
                    token++;
                }
                if (token == count) {
                    break;
                }
                int from = token;
                while (token < count && !window.isSpecial(token) && window.tokenStart(token) < s.end() - base) {
                    token++;
                }
                boolean whole = token < count && !window.isSpecial(token) || !window.truncated();
                if (!whole && !last && next > first) {
                    // the next window starts here and holds this sentence whole
                    cut = from;
                    break;
                }
                if (token > from) {
                    read.add(next);
                    embeddings.add(window.pooledStates(from, token));
                }
                next++;
                if (!whole) {
                    break;
                }
            }
            if (cut > 0) {
                float[] mean = window.pooledStates(0, cut);
                if (tokenSum == null) {
                    tokenSum = new float[mean.length];
                }
                for (int d = 0; d < mean.length; d++) {
                    tokenSum[d] += cut * mean[d];
                }
            }
            return last || next >= sentences.size() || next == first;
        }
    }
}
