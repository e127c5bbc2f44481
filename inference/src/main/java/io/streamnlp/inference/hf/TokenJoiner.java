package io.streamnlp.inference.hf;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * Joins token strings as the {@code decoder} of a tokenizer.json does, for the decoders whose
 * behaviour on raw token strings this class reproduces: none (tokens joined by spaces, as
 * transformers does without a decoder) and WordPiece. Others report empty, and callers decode ids.
 */
abstract class TokenJoiner {

    abstract Optional<String> join(List<String> tokens);

    static TokenJoiner of(JsonNode decoder) {
        if (decoder == null || decoder.isNull()) {
            return new SpaceJoiner();
        }
        if ("WordPiece".equals(decoder.path("type").asText())) {
            return new WordPieceJoiner(
                    decoder.path("prefix").asText("##"), decoder.path("cleanup").asBoolean(true));
        }
        return new NativeOnly();
    }

    private static final class SpaceJoiner extends TokenJoiner {
        @Override
        Optional<String> join(List<String> tokens) {
            return Optional.of(String.join(" ", tokens));
        }
    }

    private static final class NativeOnly extends TokenJoiner {
        @Override
        Optional<String> join(List<String> tokens) {
            return Optional.empty();
        }
    }

    /** The tokenizers crate's {@code decoders::wordpiece::WordPiece}. */
    private static final class WordPieceJoiner extends TokenJoiner {
        private final String prefix;
        private final boolean cleanup;

        WordPieceJoiner(String prefix, boolean cleanup) {
            this.prefix = prefix;
            this.cleanup = cleanup;
        }

        @Override
        Optional<String> join(List<String> tokens) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < tokens.size(); i++) {
                String token = tokens.get(i);
                if (i != 0) {
                    token = token.startsWith(prefix) ? token.substring(prefix.length()) : " " + token;
                }
                out.append(cleanup ? cleanup(token) : token);
            }
            return Optional.of(out.toString());
        }

        private static String cleanup(String s) {
            return s.replace(" .", ".")
                    .replace(" ?", "?")
                    .replace(" !", "!")
                    .replace(" ,", ",")
                    .replace(" ' ", "'")
                    .replace(" n't", "n't")
                    .replace(" 'm", "'m")
                    .replace(" do not", " don't")
                    .replace(" 's", "'s")
                    .replace(" 've", "'ve")
                    .replace(" 're", "'re");
        }
    }
}
