package io.streamnlp.inference.hf;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The post-processing of transformers' {@code TokenClassificationPipeline} ({@code gather_pre_entities},
 * {@code aggregate}, {@code aggregate_words}, {@code group_entities}), ported step for step so that
 * results match the Python pipeline entity for entity.
 */
final class TokenClassificationDecoder {

    private final HfTokenizer tokenizer;
    private final List<String> labels;

    TokenClassificationDecoder(HfTokenizer tokenizer, List<String> labels) {
        this.tokenizer = tokenizer;
        this.labels = labels;
    }

    /** A token with its label probabilities. */
    private record PreEntity(String word, long id, float[] scores, int start, int end, int index, boolean subword) {}

    /** An entity before grouping: one token (NONE, SIMPLE) or one word (FIRST, MAX, AVERAGE). */
    private record Scored(String entity, float score, String word, long[] ids, int start, int end, int index) {}

    /**
     * @param text the tokenized text
     * @param probabilities softmax over labels for each token of {@code text}
     */
    List<TokenEntity> decode(
            TokenizedText text, float[][] probabilities, AggregationStrategy strategy, Set<String> ignoreLabels) {
        List<PreEntity> pre = gatherPreEntities(text, probabilities);
        List<Scored> scored = strategy == AggregationStrategy.NONE || strategy == AggregationStrategy.SIMPLE
                ? perToken(pre)
                : aggregateWords(pre, strategy);
        List<TokenEntity> out = new ArrayList<>();
        if (strategy == AggregationStrategy.NONE) {
            for (Scored s : scored) {
                if (!ignoreLabels.contains(s.entity())) {
                    out.add(new TokenEntity(s.entity(), s.score(), s.word(), s.start(), s.end(), s.index()));
                }
            }
            return out;
        }
        for (TokenEntity group : groupEntities(scored)) {
            if (!ignoreLabels.contains(group.label())) {
                out.add(group);
            }
        }
        return out;
    }

    private List<PreEntity> gatherPreEntities(TokenizedText text, float[][] probabilities) {
        String sentence = text.text();
        long unk = tokenizer.unkTokenId().orElse(Long.MIN_VALUE);
        List<PreEntity> pre = new ArrayList<>();
        for (int idx = 0; idx < text.length(); idx++) {
            if (text.special()[idx] || text.starts()[idx] < 0) {
                continue;
            }
            int start = text.starts()[idx];
            int end = text.ends()[idx];
            String word = text.tokens()[idx];
            String wordRef = sentence.substring(start, end);
            boolean subword;
            if (tokenizer.wordAware()) {
                subword = word.codePointCount(0, word.length()) != wordRef.codePointCount(0, wordRef.length());
            } else {
                // transformers' fallback for tokenizers without sub-word markers: a token not after a space
                subword = start > 0
                        && sentence.substring(start - 1, Math.min(start + 1, sentence.length()))
                                        .indexOf(' ')
                                < 0;
            }
            if (text.ids()[idx] == unk) {
                word = wordRef;
                subword = false;
            }
            pre.add(new PreEntity(word, text.ids()[idx], probabilities[idx], start, end, idx, subword));
        }
        return pre;
    }

    private List<Scored> perToken(List<PreEntity> pre) {
        List<Scored> out = new ArrayList<>(pre.size());
        for (PreEntity p : pre) {
            int best = argmax(p.scores());
            out.add(new Scored(
                    labels.get(best), p.scores()[best], p.word(), new long[] {p.id()}, p.start(), p.end(), p.index()));
        }
        return out;
    }

    private List<Scored> aggregateWords(List<PreEntity> pre, AggregationStrategy strategy) {
        List<Scored> words = new ArrayList<>();
        List<PreEntity> group = new ArrayList<>();
        for (PreEntity p : pre) {
            if (!group.isEmpty() && !p.subword()) {
                words.add(aggregateWord(group, strategy));
                group = new ArrayList<>();
            }
            group.add(p);
        }
        if (!group.isEmpty()) {
            words.add(aggregateWord(group, strategy));
        }
        return words;
    }

    private Scored aggregateWord(List<PreEntity> tokens, AggregationStrategy strategy) {
        List<String> pieces = new ArrayList<>(tokens.size());
        long[] ids = new long[tokens.size()];
        for (int i = 0; i < tokens.size(); i++) {
            pieces.add(tokens.get(i).word());
            ids[i] = tokens.get(i).id();
        }
        String word = tokenizer.tokensToString(pieces, ids);
        float[] scores;
        switch (strategy) {
            case FIRST -> scores = tokens.get(0).scores();
            case MAX -> {
                PreEntity best = tokens.get(0);
                for (PreEntity t : tokens) {
                    if (max(t.scores()) > max(best.scores())) {
                        best = t;
                    }
                }
                scores = best.scores();
            }
            case AVERAGE -> scores = mean(tokens);
            default ->
                throw new IllegalArgumentException("NONE and SIMPLE strategies are invalid for word aggregation");
        }
        int idx = argmax(scores);
        return new Scored(
                labels.get(idx),
                scores[idx],
                word,
                ids,
                tokens.get(0).start(),
                tokens.get(tokens.size() - 1).end(),
                -1);
    }

    private List<TokenEntity> groupEntities(List<Scored> entities) {
        List<TokenEntity> groups = new ArrayList<>();
        List<Scored> current = new ArrayList<>();
        for (Scored e : entities) {
            if (current.isEmpty()) {
                current.add(e);
                continue;
            }
            Tag tag = Tag.of(e.entity());
            Tag last = Tag.of(current.get(current.size() - 1).entity());
            if (tag.type().equals(last.type()) && !tag.begin()) {
                current.add(e);
            } else {
                groups.add(groupSubEntities(current));
                current = new ArrayList<>();
                current.add(e);
            }
        }
        if (!current.isEmpty()) {
            groups.add(groupSubEntities(current));
        }
        return groups;
    }

    private TokenEntity groupSubEntities(List<Scored> entities) {
        String first = entities.get(0).entity();
        int dash = first.indexOf('-');
        String group = dash < 0 ? first : first.substring(dash + 1);
        double sum = 0;
        int counted = 0;
        List<String> words = new ArrayList<>(entities.size());
        int idCount = 0;
        for (Scored e : entities) {
            if (!Float.isNaN(e.score())) {
                sum += e.score();
                counted++;
            }
            words.add(e.word());
            idCount += e.ids().length;
        }
        long[] ids = new long[idCount];
        int k = 0;
        for (Scored e : entities) {
            System.arraycopy(e.ids(), 0, ids, k, e.ids().length);
            k += e.ids().length;
        }
        float score = counted == 0 ? Float.NaN : (float) (sum / counted);
        return new TokenEntity(
                group,
                score,
                tokenizer.tokensToString(words, ids),
                entities.get(0).start(),
                entities.get(entities.size() - 1).end(),
                -1);
    }

    /** transformers' {@code get_tag}: B-X begins X, I-X continues X, anything else continues itself. */
    private record Tag(boolean begin, String type) {
        static Tag of(String entity) {
            if (entity.startsWith("B-")) {
                return new Tag(true, entity.substring(2));
            }
            if (entity.startsWith("I-")) {
                return new Tag(false, entity.substring(2));
            }
            return new Tag(false, entity);
        }
    }

    private static float[] mean(List<PreEntity> tokens) {
        int n = tokens.get(0).scores().length;
        float[] out = new float[n];
        for (int j = 0; j < n; j++) {
            double sum = 0;
            int counted = 0;
            for (PreEntity t : tokens) {
                float v = t.scores()[j];
                if (!Float.isNaN(v)) {
                    sum += v;
                    counted++;
                }
            }
            out[j] = counted == 0 ? Float.NaN : (float) (sum / counted);
        }
        return out;
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static float max(float[] v) {
        return v[argmax(v)];
    }
}
